using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using OpenStack.Compute.V2;
using OpenStack.Tests.Integration;
using Xunit;

namespace OpenStack.Tests.Compute.V2;

/// <summary>Nova server groups on the real local cloud (specs/compute/v2.1/server-groups.yaml).</summary>
[Collection(CloudCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ServerGroupsIntegrationTests
{
    private readonly CloudFixture _cloud;

    public ServerGroupsIntegrationTests(CloudFixture cloud) => _cloud = cloud;

    private ServerGroupsClient Groups => _cloud.Client.Compute.ServerGroups;

    [SkippableFact]
    public async Task Policy_and_rules_lifecycle_at_the_negotiated_microversion()
    {
        var name = CloudFixture.UniqueName("sdk-test-sg");
        var created = await Groups.CreateAsync(new ServerGroupCreateOptions
        {
            Name = name,
            Policy = ServerGroupPolicy.AntiAffinity,
            Rules = new ServerGroupRules { MaxServerPerHost = 2 },
        });
        try
        {
            Assert.Equal(name, created.Name);
            Assert.Equal(ServerGroupPolicy.AntiAffinity, created.Policy);
            Assert.Equal(2, created.Rules!.MaxServerPerHost);
            Assert.Empty(created.Members!);
            Assert.Null(created.Policies);     // gone after 2.63
            Assert.False(string.IsNullOrEmpty(created.UserId));

            var got = await Groups.GetAsync(created.Id!);
            Assert.Equal(name, got.Name);
            Assert.Equal(ServerGroupPolicy.AntiAffinity, got.Policy);
            Assert.Contains(await Groups.ListAsync().ToListAsync(), g => g.Id == created.Id);

            RoundTrip.AssertNoKeyLost(await _cloud.Client.Compute.Http.GetStringAsync("os-server-groups/" + created.Id), ComputeServerGroupsJsonContext.Default.ServerGroupEnvelope);
            RoundTrip.AssertNoKeyLost(await _cloud.Client.Compute.Http.GetStringAsync("os-server-groups"), ComputeServerGroupsJsonContext.Default.ServerGroupListPage);

            var bad = await Assert.ThrowsAsync<OpenStackException>(() => Groups.CreateAsync(new ServerGroupCreateOptions
            {
                Name = name + "-bad",
                Policy = ServerGroupPolicy.Affinity,
                Rules = new ServerGroupRules { MaxServerPerHost = 2 },   // only anti-affinity takes rules
            }));
            Assert.Equal(400, bad.Status);
        }
        finally
        {
            await Groups.DeleteAsync(created.Id!);
        }
        var gone = await Assert.ThrowsAsync<OpenStackException>(() => Groups.GetAsync(created.Id!));
        Assert.Equal(404, gone.Status);
    }

    [SkippableFact]
    public async Task Pinned_at_2_63_policies_work_and_policy_is_refused_client_side()
    {
        var options = _cloud.OptionsForAnotherClient();
        options.DefaultMicroversions["compute"] = "2.63";
        using var pinned = await OpenStackClient.ConnectAsync(options);
        var name = CloudFixture.UniqueName("sdk-test-sg");

        var refused = await Assert.ThrowsAsync<NotSupportedException>(() =>
            pinned.Compute.ServerGroups.CreateAsync(new ServerGroupCreateOptions { Name = name, Policy = ServerGroupPolicy.Affinity }));
        Assert.Contains("2.64", refused.Message);
        Assert.DoesNotContain(await pinned.Compute.ServerGroups.ListAsync().ToListAsync(), g => g.Name == name);

        var created = await pinned.Compute.ServerGroups.CreateAsync(new ServerGroupCreateOptions { Name = name, Policies = new List<string> { "soft-affinity" } });
        try
        {
            Assert.Equal(new[] { "soft-affinity" }, created.Policies);
            Assert.Null(created.Policy);
            // The same group read at the negotiated microversion has the single policy instead.
            Assert.Equal(ServerGroupPolicy.SoftAffinity, (await Groups.GetAsync(created.Id!)).Policy);
        }
        finally
        {
            await pinned.Compute.ServerGroups.DeleteAsync(created.Id!);
        }
    }
}
