using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using OpenStack.BlockStorage.V3;
using OpenStack.Identity.V3;
using OpenStack.Tests.Integration;
using Xunit;

namespace OpenStack.Tests.BlockStorage.V3;

/// <summary>
/// Cinder v3 volume types, limits, availability zones, services and quota sets on the real local cloud
/// (specs/block-storage/v3/).
/// </summary>
[Collection(CloudCollection.Name)]
[Trait("Category", "Integration")]
public sealed class BlockStorageAdminIntegrationTests
{
    private readonly CloudFixture _cloud;

    public BlockStorageAdminIntegrationTests(CloudFixture cloud) => _cloud = cloud;

    private BlockStorageService BlockStorage => _cloud.Client.BlockStorage;

    [SkippableFact]
    public async Task Volume_type_lifecycle_with_extra_specs()
    {
        var name = CloudFixture.UniqueName("sdk-test-type");
        var created = await BlockStorage.VolumeTypes.CreateAsync(new VolumeTypeCreateOptions
        {
            Name = name,
            Description = "made by the SDK tests",
            AccessIsPublic = false,
            ExtraSpecs = new Dictionary<string, string> { ["sdk:test"] = "one" },
        });
        try
        {
            Assert.Equal(name, created.Name);
            Assert.False(created.IsPublic);
            Assert.Equal("one", created.ExtraSpecs!["sdk:test"]);

            var got = await BlockStorage.VolumeTypes.GetAsync(created.Id!);
            Assert.Equal("made by the SDK tests", got.Description);
            Assert.False(got.AccessIsPublic);
            Assert.Contains(await BlockStorage.VolumeTypes.ListAsync(new VolumeTypeListOptions { IsPublic = "None" }).ToListAsync(), t => t.Id == created.Id);
            Assert.DoesNotContain(await BlockStorage.VolumeTypes.ListAsync().ToListAsync(), t => t.Id == created.Id);   // private: hidden by default

            var updated = await BlockStorage.VolumeTypes.UpdateAsync(created.Id!, new VolumeTypeUpdateOptions { Description = "changed", Name = name + "-renamed" });
            Assert.Equal("changed", updated.Description);
            Assert.Equal(name + "-renamed", (await BlockStorage.VolumeTypes.GetAsync(created.Id!)).Name);

            var set = await BlockStorage.VolumeTypes.SetExtraSpecsAsync(created.Id!, new VolumeTypeSetExtraSpecsRequest
            {
                ExtraSpecs = new Dictionary<string, string> { ["sdk:second"] = "two" },
            });
            Assert.Equal("two", set["sdk:second"]);
            Assert.Equal("one", await BlockStorage.VolumeTypes.GetExtraSpecAsync(created.Id!, "sdk:test"));
            Assert.Equal("uno", await BlockStorage.VolumeTypes.SetExtraSpecAsync(created.Id!, "sdk:test", "uno"));
            Assert.Equal(new Dictionary<string, string> { ["sdk:test"] = "uno", ["sdk:second"] = "two" },
                (await BlockStorage.VolumeTypes.ListExtraSpecsAsync(created.Id!)).ToDictionary(kv => kv.Key, kv => kv.Value));
            await BlockStorage.VolumeTypes.DeleteExtraSpecAsync(created.Id!, "sdk:second");
            Assert.Equal(404, (await Assert.ThrowsAsync<OpenStackException>(() => BlockStorage.VolumeTypes.GetExtraSpecAsync(created.Id!, "sdk:second"))).Status);
            Assert.Equal(new[] { "sdk:test" }, (await BlockStorage.VolumeTypes.GetAsync(created.Id!)).ExtraSpecs!.Keys);

            RoundTrip.AssertNoKeyLost(await BlockStorage.Http.GetStringAsync("types/" + created.Id), BlockStorageVolumeTypesJsonContext.Default.VolumeTypeEnvelope);
            RoundTrip.AssertNoKeyLost(await BlockStorage.Http.GetStringAsync("types?is_public=None"), BlockStorageVolumeTypesJsonContext.Default.VolumeTypeListPage);
        }
        finally
        {
            await BlockStorage.VolumeTypes.DeleteAsync(created.Id!);
        }
        Assert.Equal(404, (await Assert.ThrowsAsync<OpenStackException>(() => BlockStorage.VolumeTypes.GetAsync(created.Id!))).Status);
    }

    [SkippableFact]
    public async Task Limits_and_availability_zones()
    {
        var limits = await BlockStorage.Limits.GetAsync();
        var projectId = (await _cloud.Client.Connection.GetTokenAsync()).ProjectId!;
        var quotas = await BlockStorage.QuotaSets.GetAsync(projectId);
        Assert.Equal(quotas.Volumes, limits.Absolute!.MaxTotalVolumes);
        Assert.Equal(quotas.Gigabytes, limits.Absolute.MaxTotalVolumeGigabytes);
        Assert.Equal(quotas.Snapshots, limits.Absolute.MaxTotalSnapshots);
        Assert.True(limits.Absolute.TotalVolumesUsed >= 0);
        RoundTrip.AssertNoKeyLost(await BlockStorage.Http.GetStringAsync("limits"), BlockStorageLimitsJsonContext.Default.LimitsEnvelope);

        var zones = await BlockStorage.AvailabilityZones.ListAsync().ToListAsync();
        Assert.True(Assert.Single(zones, z => z.ZoneName == "nova").ZoneState!.Available);
        RoundTrip.AssertNoKeyLost(await BlockStorage.Http.GetStringAsync("os-availability-zone"), BlockStorageAvailabilityZonesJsonContext.Default.AvailabilityZoneListPage);
    }

    [SkippableFact]
    public async Task Services_list_filter_and_disable_enable_the_scheduler()
    {
        var services = await BlockStorage.Services.ListAsync().ToListAsync();
        var volume = services.First(s => s.Binary == "cinder-volume");
        Assert.Equal(ServiceState.Up, volume.State);
        Assert.Equal("up", volume.BackendState);       // 3.49+
        Assert.Contains("@", volume.Host);             // host@backend
        var scheduler = services.First(s => s.Binary == "cinder-scheduler");
        Assert.Single(await BlockStorage.Services.ListAsync(new ServiceListOptions { Binary = "cinder-scheduler", Host = scheduler.Host }).ToListAsync());
        RoundTrip.AssertNoKeyLost(await BlockStorage.Http.GetStringAsync("os-services"), BlockStorageServicesJsonContext.Default.ServiceListPage);

        // The scheduler's own enabled flag does not steer scheduling (only cinder-volume's does), so toggling it
        // is safe on a shared cloud; it is re-enabled in any case.
        try
        {
            var disabled = await BlockStorage.Services.DisableLogReasonAsync(new ServiceDisableLogReasonRequest { Host = scheduler.Host, Binary = "cinder-scheduler", DisabledReason = "sdk-test" });
            Assert.True(disabled.Disabled);
            Assert.Equal("disabled", disabled.Status);
            var now = Assert.Single(await BlockStorage.Services.ListAsync(new ServiceListOptions { Binary = "cinder-scheduler", Host = scheduler.Host }).ToListAsync());
            Assert.Equal(ServiceStatus.Disabled, now.Status);
            Assert.Equal("sdk-test", now.DisabledReason);
        }
        finally
        {
            var enabled = await BlockStorage.Services.EnableAsync(new ServiceEnableRequest { Host = scheduler.Host, Binary = "cinder-scheduler" });
            Assert.False(enabled.Disabled);
        }
        var back = Assert.Single(await BlockStorage.Services.ListAsync(new ServiceListOptions { Binary = "cinder-scheduler", Host = scheduler.Host }).ToListAsync());
        Assert.Equal(ServiceStatus.Enabled, back.Status);
    }

    [SkippableFact]
    public async Task Quota_set_get_update_revert_for_a_new_project()
    {
        var project = await _cloud.Client.Identity.Projects.CreateAsync(new ProjectCreateOptions { Name = CloudFixture.UniqueName("sdk-test-quota"), DomainId = "default" });
        try
        {
            var defaults = await BlockStorage.QuotaSets.DefaultsAsync(project.Id!);
            var initial = await BlockStorage.QuotaSets.GetAsync(project.Id!);
            Assert.Equal(project.Id, initial.Id);
            Assert.Equal(defaults.Volumes, initial.Volumes);
            Assert.True(initial.AdditionalProperties!.ContainsKey("volumes___DEFAULT__"), "per-type quotas are kept as extra properties");

            var newVolumes = defaults.Volumes == 4 ? 5 : 4;
            var updated = await BlockStorage.QuotaSets.UpdateAsync(project.Id!, new QuotaSetUpdateOptions { Volumes = newVolumes, Gigabytes = 40 }.SetProperty("snapshots___DEFAULT__", 3));
            Assert.Equal(newVolumes, updated.Volumes);
            Assert.Equal(40, updated.Gigabytes);
            var got = await BlockStorage.QuotaSets.GetAsync(project.Id!);
            Assert.Equal(newVolumes, got.Volumes);
            Assert.Equal(3, got.AdditionalProperties!["snapshots___DEFAULT__"].GetInt32());
            RoundTrip.AssertNoKeyLost(await BlockStorage.Http.GetStringAsync("os-quota-sets/" + project.Id), BlockStorageQuotaSetsJsonContext.Default.QuotaSetEnvelope);

            await BlockStorage.QuotaSets.DeleteAsync(project.Id!);
            Assert.Equal(defaults.Volumes, (await BlockStorage.QuotaSets.GetAsync(project.Id!)).Volumes);
        }
        finally
        {
            await BlockStorage.QuotaSets.DeleteAsync(project.Id!);
            await _cloud.Client.Identity.Projects.DeleteAsync(project.Id!);
        }
    }
}
