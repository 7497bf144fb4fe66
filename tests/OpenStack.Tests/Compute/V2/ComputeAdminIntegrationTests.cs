using System;
using System.Linq;
using System.Threading.Tasks;
using OpenStack.Compute.V2;
using OpenStack.Identity.V3;
using OpenStack.Tests.Integration;
using Xunit;

namespace OpenStack.Tests.Compute.V2;

/// <summary>
/// Nova's project and admin resources on the real local cloud: availability zones, limits, quota sets,
/// services and hypervisors (specs/compute/v2.1/{availability-zones,limits,quota-sets,services,hypervisors}.yaml).
/// </summary>
[Collection(CloudCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ComputeAdminIntegrationTests
{
    private readonly CloudFixture _cloud;

    public ComputeAdminIntegrationTests(CloudFixture cloud) => _cloud = cloud;

    private ComputeService Compute => _cloud.Client.Compute;

    private async Task<OpenStackClient> PinnedAsync(string microversion)
    {
        var options = _cloud.OptionsForAnotherClient();
        options.DefaultMicroversions["compute"] = microversion;
        return await OpenStackClient.ConnectAsync(options);
    }

    [SkippableFact]
    public async Task Availability_zones_summary_and_detail()
    {
        var summary = await Compute.AvailabilityZones.ListSummaryAsync().ToListAsync();
        var nova = Assert.Single(summary, z => z.ZoneName == "nova");
        Assert.True(nova.ZoneState!.Available);
        Assert.Null(nova.Hosts);

        var detail = await Compute.AvailabilityZones.ListAsync().ToListAsync();
        var novaDetail = Assert.Single(detail, z => z.ZoneName == "nova");
        var services = novaDetail.Hosts!.Values.SelectMany(h => h).ToList();
        var compute = Assert.Single(services, s => s.Key == "nova-compute").Value;
        Assert.True(compute.Available);
        Assert.True(compute.Active);
        Assert.NotNull(compute.UpdatedAt);
        Assert.Contains(detail, z => z.ZoneName == "internal");   // scheduler and conductor live there

        RoundTrip.AssertNoKeyLost(await Compute.Http.GetStringAsync("os-availability-zone"), ComputeAvailabilityZonesJsonContext.Default.AvailabilityZoneListPage);
        RoundTrip.AssertNoKeyLost(await Compute.Http.GetStringAsync("os-availability-zone/detail"), ComputeAvailabilityZonesJsonContext.Default.AvailabilityZoneListPage);
    }

    [SkippableFact]
    public async Task Limits_match_the_project_quotas()
    {
        var limits = await Compute.Limits.GetAsync();
        Assert.NotNull(limits.Rate);
        var projectId = (await _cloud.Client.Connection.GetTokenAsync()).ProjectId!;
        var quotas = await Compute.QuotaSets.GetAsync(projectId);
        Assert.Equal(quotas.Instances, limits.Absolute!.MaxTotalInstances);
        Assert.Equal(quotas.Cores, limits.Absolute.MaxTotalCores);
        Assert.Equal(quotas.Ram, limits.Absolute.MaxTotalRamSize);
        Assert.Equal(quotas.KeyPairs, limits.Absolute.MaxTotalKeypairs);
        Assert.True(limits.Absolute.TotalCoresUsed >= 0);
        Assert.Null(limits.Absolute.MaxSecurityGroups);   // gone after 2.35

        RoundTrip.AssertNoKeyLost(await Compute.Http.GetStringAsync("limits"), ComputeLimitsJsonContext.Default.LimitsEnvelope);
    }

    [SkippableFact]
    public async Task Quota_set_get_update_detail_revert_for_a_new_project()
    {
        var project = await _cloud.Client.Identity.Projects.CreateAsync(new ProjectCreateOptions { Name = CloudFixture.UniqueName("sdk-test-quota"), DomainId = "default" });
        try
        {
            var defaults = await Compute.QuotaSets.DefaultsAsync(project.Id!);
            var initial = await Compute.QuotaSets.GetAsync(project.Id!);
            Assert.Equal(project.Id, initial.Id);
            Assert.Equal(defaults.Cores, initial.Cores);
            Assert.Null(initial.Networks);    // gone after 2.35

            var newCores = defaults.Cores == 7 ? 8 : 7;
            var updated = await Compute.QuotaSets.UpdateAsync(project.Id!, new QuotaSetUpdateOptions { Cores = newCores, Instances = 3, KeyPairs = 5 });
            Assert.Equal(newCores, updated.Cores);
            Assert.Equal(3, updated.Instances);
            Assert.Equal(defaults.Ram, updated.Ram);
            var got = await Compute.QuotaSets.GetAsync(project.Id!);
            Assert.Equal(newCores, got.Cores);
            Assert.Equal(5, got.KeyPairs);

            var detail = await Compute.QuotaSets.DetailAsync(project.Id!);
            Assert.Equal(project.Id, detail.Id);
            Assert.Equal(newCores, detail.Cores!.Limit);
            Assert.Equal(0, detail.Cores.InUse);
            Assert.Equal(3, detail.Instances!.Limit);

            RoundTrip.AssertNoKeyLost(await Compute.Http.GetStringAsync("os-quota-sets/" + project.Id), ComputeQuotaSetsJsonContext.Default.QuotaSetEnvelope);
            RoundTrip.AssertNoKeyLost(await Compute.Http.GetStringAsync("os-quota-sets/" + project.Id + "/detail"), ComputeQuotaSetsJsonContext.Default.QuotaSetDetailResponseEnvelope);

            // A quota removed in 2.36 is refused before anything is sent.
            var refused = await Assert.ThrowsAsync<NotSupportedException>(() =>
                Compute.QuotaSets.UpdateAsync(project.Id!, new QuotaSetUpdateOptions { Networks = 1 }));
            Assert.Contains("2.35", refused.Message);

            await Compute.QuotaSets.DeleteAsync(project.Id!);
            Assert.Equal(defaults.Cores, (await Compute.QuotaSets.GetAsync(project.Id!)).Cores);
        }
        finally
        {
            await Compute.QuotaSets.DeleteAsync(project.Id!);
            await _cloud.Client.Identity.Projects.DeleteAsync(project.Id!);
        }
    }

    [SkippableFact]
    public async Task Services_list_and_update_by_uuid()
    {
        var services = await Compute.Services.ListAsync().ToListAsync();
        var compute = services.First(s => s.Binary == "nova-compute");
        var scheduler = services.First(s => s.Binary == "nova-scheduler");
        Assert.True(Guid.TryParse(compute.Id!.ToString(), out _), "2.53+: service ids are UUIDs");
        Assert.Equal(ServiceState.Up, compute.State);
        Assert.NotNull(compute.ForcedDown);
        Assert.Single(await Compute.Services.ListAsync(new ServiceListOptions { Binary = "nova-compute", Host = compute.Host }).ToListAsync());

        // Disabling the only compute host would break everyone's servers on this shared cloud: the enabled
        // service is set enabled again (a real PUT, answered with the service).
        Assert.Equal(ServiceStatus.Enabled, compute.Status);
        var same = await Compute.Services.UpdateAsync(compute.Id!.ToString(), new ServiceUpdateRequest { Status = ServiceUpdateRequestStatus.Enabled, ForcedDown = false });
        Assert.Equal(compute.Id!.ToString(), same.Id!.ToString());
        Assert.Equal(ServiceStatus.Enabled, same.Status);
        Assert.False(same.ForcedDown);

        // Only nova-compute services can be changed: the service says so.
        var notCompute = await Assert.ThrowsAsync<OpenStackException>(() =>
            Compute.Services.UpdateAsync(scheduler.Id!.ToString(), new ServiceUpdateRequest { Status = ServiceUpdateRequestStatus.Enabled }));
        Assert.Equal(400, notCompute.Status);
        Assert.Contains("nova-compute", notCompute.ServerMessage);

        RoundTrip.AssertNoKeyLost(await Compute.Http.GetStringAsync("os-services"), ComputeServicesJsonContext.Default.ServiceListPage);

        using var pinned = await PinnedAsync("2.52");
        var old = await pinned.Compute.Services.ListAsync().ToListAsync();
        Assert.Contains(old, s => s.Binary == "nova-compute" && s.Id!.GetValueKind() == System.Text.Json.JsonValueKind.Number);  // integer ids before 2.53
        var refused = await Assert.ThrowsAsync<NotSupportedException>(() =>
            pinned.Compute.Services.UpdateAsync(compute.Id!.ToString(), new ServiceUpdateRequest { Status = ServiceUpdateRequestStatus.Enabled }));
        Assert.Contains("2.53", refused.Message);
    }

    [SkippableFact]
    public async Task Hypervisors_list_get_and_statistics_up_to_2_87()
    {
        var detail = await Compute.Hypervisors.ListAsync().ToListAsync();
        var hv = detail.First();
        Assert.Equal("fake", hv.HypervisorType);
        Assert.Equal(HypervisorState.Up, hv.State);
        Assert.True(Guid.TryParse(hv.Id!.ToString(), out _));
        Assert.Null(hv.Vcpus);        // moved to Placement in 2.88
        Assert.False(string.IsNullOrEmpty(hv.Service!.Host));

        var summary = await Compute.Hypervisors.ListSummaryAsync().ToListAsync();
        Assert.Contains(summary, h => h.Id!.ToString() == hv.Id!.ToString() && h.HypervisorHostname == hv.HypervisorHostname && h.HypervisorType is null);
        var got = await Compute.Hypervisors.GetAsync(hv.Id!.ToString());
        Assert.Equal(hv.HypervisorHostname, got.HypervisorHostname);

        RoundTrip.AssertNoKeyLost(await Compute.Http.GetStringAsync("os-hypervisors/detail"), ComputeHypervisorsJsonContext.Default.HypervisorListPage);
        RoundTrip.AssertNoKeyLost(await Compute.Http.GetStringAsync("os-hypervisors/" + hv.Id), ComputeHypervisorsJsonContext.Default.HypervisorEnvelope);

        var removed = await Assert.ThrowsAsync<NotSupportedException>(() => Compute.Hypervisors.StatisticsAsync());
        Assert.Contains("2.87", removed.Message);

        using var pinned = await PinnedAsync("2.87");
        var stats = await pinned.Compute.Hypervisors.StatisticsAsync();
        Assert.True(stats.Count >= 1);
        Assert.True(stats.Vcpus > 0);
        var old = await pinned.Compute.Hypervisors.GetAsync(hv.Id!.ToString());
        Assert.True(old.Vcpus > 0);
        Assert.True(old.MemoryMb > 0);
        Assert.Equal(stats.Vcpus, (await pinned.Compute.Hypervisors.ListAsync().ToListAsync()).Sum(h => h.Vcpus));
        RoundTrip.AssertNoKeyLost(await pinned.Compute.Http.GetStringAsync("os-hypervisors/statistics"), ComputeHypervisorsJsonContext.Default.HypervisorStatisticsResponseEnvelope);
    }
}
