using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using OpenStack.Identity.V3;
using OpenStack.Network.V2;
using OpenStack.Tests.Integration;
using Xunit;
using static OpenStack.Tests.Network.V2.NetworkTestKit;

namespace OpenStack.Tests.Network.V2;

/// <summary>Neutron extensions, availability zones, quotas and RBAC policies on the real local cloud (admin).</summary>
[Collection(CloudCollection.Name)]
[Trait("Category", "Integration")]
public sealed class NetworkAdminIntegrationTests
{
    private readonly CloudFixture _cloud;

    public NetworkAdminIntegrationTests(CloudFixture cloud) => _cloud = cloud;

    private NetworkService Net => _cloud.Client.Network;

    [SkippableFact]
    public async Task Extensions_list_and_get_by_alias_unknown_alias_is_404()
    {
        var extensions = await ToListAsync(Net.Extensions.ListAsync());
        var aliases = extensions.Select(e => e.Alias).ToList();
        Assert.Contains("router", aliases);
        Assert.Contains("standard-attr-tag", aliases);
        Assert.Contains("external-net", aliases);
        Assert.All(extensions, e => Assert.False(string.IsNullOrEmpty(e.Name)));

        var tag = await Net.Extensions.GetAsync("standard-attr-tag");
        Assert.Equal("standard-attr-tag", tag.Alias);
        Assert.Equal(extensions.Single(e => e.Alias == "standard-attr-tag").Description, tag.Description);

        var missing = await AssertNotFound(() => Net.Extensions.GetAsync("sdk-no-such-extension"));
        Assert.Contains("sdk-no-such-extension", missing.ServerMessage);

        RoundTrip.AssertNoKeyLost(await Net.Http.GetStringAsync("extensions"), NetworkExtensionsJsonContext.Default.ExtensionListPage);
        RoundTrip.AssertNoKeyLost(await Net.Http.GetStringAsync("extensions/router"), NetworkExtensionsJsonContext.Default.ExtensionEnvelope);
    }

    [SkippableFact]
    public async Task Availability_zones_list_matches_the_raw_listing()
    {
        // With no agents Neutron has no zones, so compare the typed listing with the raw one instead of a fixed count.
        var raw = await Net.Http.GetStringAsync("availability_zones");
        RoundTrip.AssertNoKeyLost(raw, NetworkAvailabilityZonesJsonContext.Default.AvailabilityZoneListPage);
        var rawCount = System.Text.Json.Nodes.JsonNode.Parse(raw)!["availability_zones"]!.AsArray().Count;
        var zones = await ToListAsync(Net.AvailabilityZones.ListAsync());
        Assert.Equal(rawCount, zones.Count);
        Assert.All(zones, z => Assert.Contains(z.Resource, new[] { "network", "router" }));
        var routerZones = await ToListAsync(Net.AvailabilityZones.ListAsync(new AvailabilityZoneListOptions { Resource = AvailabilityZoneListOptionsResource.Router }));
        Assert.All(routerZones, z => Assert.Equal("router", z.Resource));
    }

    [SkippableFact]
    public async Task Quotas_get_defaults_update_details_list_and_reset_for_a_new_project()
    {
        var project = await _cloud.Client.Identity.Projects.CreateAsync(new ProjectCreateOptions { Name = Name("quota"), DomainId = "default" });
        try
        {
            var defaults = await Net.Quotas.GetDefaultsAsync(project.Id!);
            Assert.NotNull(defaults.Network);
            var initial = await Net.Quotas.GetAsync(project.Id!);
            Assert.Equal(defaults.Network, initial.Network);
            Assert.Equal(defaults.FloatingIp, initial.FloatingIp);

            var updated = await Net.Quotas.UpdateAsync(project.Id!, new QuotaUpdateOptions { Network = 7, FloatingIp = 3, SecurityGroupRule = -1 });
            Assert.Equal(7, updated.Network);
            Assert.Equal(3, updated.FloatingIp);
            Assert.Equal(-1, updated.SecurityGroupRule);
            Assert.Equal(defaults.Subnet, updated.Subnet);       // untouched
            Assert.Equal(7, (await Net.Quotas.GetAsync(project.Id!)).Network);

            var listed = await ToListAsync(Net.Quotas.ListAsync());
            Assert.Equal(7, Assert.Single(listed, q => q.ProjectId == project.Id).Network);

            var details = await Net.Quotas.GetDetailsAsync(project.Id!);
            Assert.Equal(7, details["network"].Limit);
            Assert.Equal(0, details["network"].Used);
            Assert.Equal(3, details["floatingip"].Limit);

            RoundTrip.AssertNoKeyLost(await Net.Http.GetStringAsync("quotas/" + project.Id), NetworkQuotasJsonContext.Default.QuotaEnvelope);
            RoundTrip.AssertNoKeyLost(await Net.Http.GetStringAsync("quotas"), NetworkQuotasJsonContext.Default.QuotaListPage);

            await Net.Quotas.DeleteAsync(project.Id!);
            var reset = await Net.Quotas.GetAsync(project.Id!);
            Assert.Equal(defaults.Network, reset.Network);
            Assert.DoesNotContain(await ToListAsync(Net.Quotas.ListAsync()), q => q.ProjectId == project.Id);
        }
        finally
        {
            await Quietly(() => Net.Quotas.DeleteAsync(project.Id!));
            await Quietly(() => _cloud.Client.Identity.Projects.DeleteAsync(project.Id!));
        }
    }

    [SkippableFact]
    public async Task Rbac_policy_shares_a_network_with_a_project_then_moves_and_is_deleted()
    {
        var first = await _cloud.Client.Identity.Projects.CreateAsync(new ProjectCreateOptions { Name = Name("rbac1"), DomainId = "default" });
        var second = await _cloud.Client.Identity.Projects.CreateAsync(new ProjectCreateOptions { Name = Name("rbac2"), DomainId = "default" });
        var network = await Net.Networks.CreateAsync(new NetworkCreateOptions { Name = Name("shared") });
        RbacPolicy? policy = null;
        try
        {
            policy = await Net.RbacPolicies.CreateAsync(new RbacPolicyCreateOptions
            {
                ObjectType = RbacPolicyObjectType.Network,
                ObjectId = network.Id!,
                Action = RbacPolicyAction.AccessAsShared,
                TargetTenant = first.Id!,
            });
            Assert.Equal(network.Id, policy.ObjectId);
            Assert.Equal(RbacPolicyAction.AccessAsShared, policy.Action);
            Assert.Equal(first.Id, policy.TargetTenant);

            var fetched = await Net.RbacPolicies.GetAsync(policy.Id!);
            Assert.Equal(RbacPolicyObjectType.Network, fetched.ObjectType);
            Assert.Equal(policy.Id, Assert.Single(await ToListAsync(Net.RbacPolicies.ListAsync(new RbacPolicyListOptions { ObjectId = network.Id, ObjectType = "network" }))).Id);
            Assert.Equal(policy.Id, Assert.Single(await ToListAsync(Net.RbacPolicies.ListAsync(new RbacPolicyListOptions { TargetTenant = first.Id }))).Id);

            var moved = await Net.RbacPolicies.UpdateAsync(policy.Id!, new RbacPolicyUpdateOptions { TargetTenant = second.Id });
            Assert.Equal(second.Id, moved.TargetTenant);
            Assert.Empty(await ToListAsync(Net.RbacPolicies.ListAsync(new RbacPolicyListOptions { TargetTenant = first.Id })));

            // Granting the same again is a conflict.
            var duplicate = await Assert.ThrowsAsync<OpenStackException>(() => Net.RbacPolicies.CreateAsync(new RbacPolicyCreateOptions
            {
                ObjectType = RbacPolicyObjectType.Network, ObjectId = network.Id!, Action = RbacPolicyAction.AccessAsShared, TargetTenant = second.Id!,
            }));
            Assert.Equal(409, duplicate.Status);
            Assert.False(string.IsNullOrEmpty(duplicate.ServerMessage));

            RoundTrip.AssertNoKeyLost(await Net.Http.GetStringAsync("rbac-policies/" + policy.Id), NetworkRbacPoliciesJsonContext.Default.RbacPolicyEnvelope);

            await Net.RbacPolicies.DeleteAsync(policy.Id!);
            await AssertNotFound(() => Net.RbacPolicies.GetAsync(policy.Id!));
        }
        finally
        {
            if (policy is not null) await Quietly(() => Net.RbacPolicies.DeleteAsync(policy.Id!));
            await Quietly(() => Net.Networks.DeleteAsync(network.Id!));
            await Quietly(() => _cloud.Client.Identity.Projects.DeleteAsync(first.Id!));
            await Quietly(() => _cloud.Client.Identity.Projects.DeleteAsync(second.Id!));
        }
    }
}
