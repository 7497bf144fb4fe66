using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using OpenStack.Network.V2;
using OpenStack.Tests.Integration;
using Xunit;
using static OpenStack.Tests.Network.V2.NetworkTestKit;

namespace OpenStack.Tests.Network.V2;

/// <summary>Neutron security groups and rules, subnet pools and address scopes on the real local cloud.</summary>
[Collection(CloudCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SecurityIntegrationTests
{
    private readonly CloudFixture _cloud;

    public SecurityIntegrationTests(CloudFixture cloud) => _cloud = cloud;

    private NetworkService Net => _cloud.Client.Network;

    [SkippableFact]
    public async Task Security_group_lifecycle_rules_added_and_removed_duplicate_is_409()
    {
        var name = Name("sg");
        var group = await Net.SecurityGroups.CreateAsync(new SecurityGroupCreateOptions { Name = name, Description = "sdk test group" });
        try
        {
            Assert.Equal(name, group.Name);
            Assert.True(group.Stateful);
            // Neutron gives every new group one egress rule per ethertype.
            Assert.Equal(2, group.SecurityGroupRules!.Count);
            Assert.Equal(group.Id, Assert.Single(await ToListAsync(Net.SecurityGroups.ListAsync(new SecurityGroupListOptions { Name = name }))).Id);

            var ssh = await Net.SecurityGroupRules.CreateAsync(new SecurityGroupRuleCreateOptions
            {
                SecurityGroupId = group.Id!,
                Direction = SecurityGroupRuleDirection.Ingress,
                Ethertype = SecurityGroupRuleEthertype.IPv4,
                Protocol = "tcp",
                PortRangeMin = 22,
                PortRangeMax = 22,
                RemoteIpPrefix = "10.0.0.0/8",
                Description = "ssh",
            });
            Assert.Equal(SecurityGroupRuleDirection.Ingress, ssh.Direction);
            Assert.Equal(22, ssh.PortRangeMin);
            Assert.Equal("10.0.0.0/8", ssh.RemoteIpPrefix);
            Assert.Equal("10.0.0.0/8", ssh.NormalizedCidr);

            var icmp = await Net.SecurityGroupRules.CreateAsync(new SecurityGroupRuleCreateOptions
            {
                SecurityGroupId = group.Id!,
                Direction = SecurityGroupRuleDirection.Ingress,
                Protocol = "icmp",
                RemoteGroupId = group.Id,
            });
            Assert.Equal(group.Id, icmp.RemoteGroupId);
            Assert.Null(icmp.PortRangeMin);

            var rules = await ToListAsync(Net.SecurityGroupRules.ListAsync(new SecurityGroupRuleListOptions { SecurityGroupId = group.Id }));
            Assert.Equal(4, rules.Count);
            var ingress = await ToListAsync(Net.SecurityGroupRules.ListAsync(new SecurityGroupRuleListOptions
            {
                SecurityGroupId = group.Id,
                Direction = SecurityGroupRuleListOptionsDirection.Ingress,
                Protocol = "tcp",
            }));
            Assert.Equal(ssh.Id, Assert.Single(ingress).Id);
            Assert.Equal("ssh", (await Net.SecurityGroupRules.GetAsync(ssh.Id!)).Description);
            Assert.Equal(4, (await Net.SecurityGroups.GetAsync(group.Id!)).SecurityGroupRules!.Count);

            // The same rule twice: Neutron refuses with 409 SecurityGroupRuleExists.
            var duplicate = await Assert.ThrowsAsync<OpenStackException>(() => Net.SecurityGroupRules.CreateAsync(new SecurityGroupRuleCreateOptions
            {
                SecurityGroupId = group.Id!,
                Direction = SecurityGroupRuleDirection.Ingress,
                Ethertype = SecurityGroupRuleEthertype.IPv4,
                Protocol = "tcp",
                PortRangeMin = 22,
                PortRangeMax = 22,
                RemoteIpPrefix = "10.0.0.0/8",
            }));
            Assert.Equal(409, duplicate.Status);
            Assert.Contains(ssh.Id!, duplicate.ServerMessage);
            Assert.False(string.IsNullOrEmpty(duplicate.RequestId));

            await Net.SecurityGroupRules.DeleteAsync(ssh.Id!);
            await AssertNotFound(() => Net.SecurityGroupRules.GetAsync(ssh.Id!));
            Assert.Equal(3, (await ToListAsync(Net.SecurityGroupRules.ListAsync(new SecurityGroupRuleListOptions { SecurityGroupId = group.Id }))).Count);

            var updated = await Net.SecurityGroups.UpdateAsync(group.Id!, new SecurityGroupUpdateOptions { Name = name + "-2", Description = "changed" });
            Assert.Equal(name + "-2", updated.Name);
            Assert.Equal("changed", updated.Description);

            await Net.SecurityGroups.ReplaceTagsAsync(group.Id!, new SecurityGroupReplaceTagsRequest { Tags = new List<string> { "sg1", "sg2" } });
            await Net.SecurityGroups.RemoveTagAsync(group.Id!, "sg1");
            Assert.Equal(new[] { "sg2" }, await Net.SecurityGroups.ListTagsAsync(group.Id!));
            Assert.Equal(group.Id, Assert.Single(await ToListAsync(Net.SecurityGroups.ListAsync(new SecurityGroupListOptions { Tags = "sg2", Name = name + "-2" }))).Id);

            RoundTrip.AssertNoKeyLost(await Net.Http.GetStringAsync("security-groups/" + group.Id), NetworkSecurityGroupsJsonContext.Default.SecurityGroupEnvelope);
            RoundTrip.AssertNoKeyLost(await Net.Http.GetStringAsync("security-group-rules/" + icmp.Id), NetworkSecurityGroupRulesJsonContext.Default.SecurityGroupRuleEnvelope);
            RoundTrip.AssertNoKeyLost(await Net.Http.GetStringAsync("security-group-rules?security_group_id=" + group.Id), NetworkSecurityGroupRulesJsonContext.Default.SecurityGroupRuleListPage);
        }
        finally
        {
            await Quietly(() => Net.SecurityGroups.DeleteAsync(group.Id!));
        }
        await AssertNotFound(() => Net.SecurityGroups.GetAsync(group.Id!));
    }

    [SkippableFact]
    public async Task Address_scope_subnet_pool_prefixes_and_a_subnet_allocated_from_the_pool()
    {
        var scope = await Net.AddressScopes.CreateAsync(new AddressScopeCreateOptions { Name = Name("scope"), IpVersion = 4 });
        SubnetPool? pool = null;
        OpenStack.Network.V2.Network? network = null;
        try
        {
            Assert.Equal(4, scope.IpVersion);
            Assert.False(scope.Shared);
            Assert.Equal(scope.Id, Assert.Single(await ToListAsync(Net.AddressScopes.ListAsync(new AddressScopeListOptions { Name = scope.Name }))).Id);
            var renamedScope = await Net.AddressScopes.UpdateAsync(scope.Id!, new AddressScopeUpdateOptions { Name = scope.Name + "-2" });
            Assert.Equal(scope.Name + "-2", renamedScope.Name);
            RoundTrip.AssertNoKeyLost(await Net.Http.GetStringAsync("address-scopes/" + scope.Id), NetworkAddressScopesJsonContext.Default.AddressScopeEnvelope);

            var (cidr, prefix) = Cidr24();
            var second = prefix.Substring(0, prefix.Length - 1);   // "10.a.b"
            var block = second.Substring(0, second.LastIndexOf('.')) + ".0.0/16";   // 10.a.0.0/16
            var poolName = Name("pool");
            pool = await Net.SubnetPools.CreateAsync(new SubnetPoolCreateOptions
            {
                Name = poolName,
                Prefixes = new List<string> { block },
                DefaultPrefixlen = 26,
                MinPrefixlen = 24,
                MaxPrefixlen = 28,
                AddressScopeId = scope.Id,
            });
            Assert.Equal(new[] { block }, pool.Prefixes);
            Assert.Equal("26", pool.DefaultPrefixlen!.ToString());   // a string on create, a number on update
            Assert.Equal(4, pool.IpVersion);
            Assert.Equal(scope.Id, pool.AddressScopeId);
            Assert.Equal(pool.Id, Assert.Single(await ToListAsync(Net.SubnetPools.ListAsync(new SubnetPoolListOptions { AddressScopeId = scope.Id }))).Id);

            var extra = "192.0.2.0/24";
            var grown = await Net.SubnetPools.AddPrefixesAsync(pool.Id!, new SubnetPoolAddPrefixesRequest { Prefixes = new List<string> { extra } });
            Assert.Contains(extra, grown);
            Assert.Contains(block, grown);
            var shrunk = await Net.SubnetPools.RemovePrefixesAsync(pool.Id!, new SubnetPoolRemovePrefixesRequest { Prefixes = new List<string> { extra } });
            Assert.DoesNotContain(extra, shrunk);

            var updated = await Net.SubnetPools.UpdateAsync(pool.Id!, new SubnetPoolUpdateOptions { Description = "pool", DefaultPrefixlen = 27 });
            Assert.Equal("27", updated.DefaultPrefixlen!.ToString());
            await Net.SubnetPools.AddTagAsync(pool.Id!, "sdk-pool");
            Assert.Equal(pool.Id, Assert.Single(await ToListAsync(Net.SubnetPools.ListAsync(new SubnetPoolListOptions { Tags = "sdk-pool", Name = poolName }))).Id);
            RoundTrip.AssertNoKeyLost(await Net.Http.GetStringAsync("subnetpools/" + pool.Id), NetworkSubnetPoolsJsonContext.Default.SubnetPoolEnvelope);

            // A subnet with no CIDR, just a prefix length: Neutron carves it out of the pool.
            network = await Net.Networks.CreateAsync(new NetworkCreateOptions { Name = Name("net") });
            var subnet = await Net.Subnets.CreateAsync(new SubnetCreateOptions { NetworkId = network.Id!, IpVersion = 4, SubnetpoolId = pool.Id, Prefixlen = 28 });
            Assert.Equal(pool.Id, subnet.SubnetpoolId);
            Assert.EndsWith("/28", subnet.Cidr);
            Assert.StartsWith(block.Substring(0, block.IndexOf(".0.0/", StringComparison.Ordinal)), subnet.Cidr);
            Assert.Equal(scope.Id, (await Net.Networks.GetAsync(network.Id!)).Ipv4AddressScope);

            // The pool has an allocation: Neutron refuses to delete it (SubnetPoolDeleteError, a 400 in Zed).
            var inUse = await Assert.ThrowsAsync<OpenStackException>(() => Net.SubnetPools.DeleteAsync(pool.Id!));
            Assert.Equal(400, inUse.Status);
            Assert.Contains("Unable to delete subnet pool", inUse.ServerMessage);
            Assert.False(string.IsNullOrEmpty(inUse.RequestId));
            await Net.Subnets.DeleteAsync(subnet.Id!);
        }
        finally
        {
            if (network is not null) await Quietly(() => Net.Networks.DeleteAsync(network.Id!));
            if (pool is not null) await Quietly(() => Net.SubnetPools.DeleteAsync(pool.Id!));
            await Quietly(() => Net.AddressScopes.DeleteAsync(scope.Id!));
        }
        if (pool is not null) await AssertNotFound(() => Net.SubnetPools.GetAsync(pool.Id!));
        await AssertNotFound(() => Net.AddressScopes.GetAsync(scope.Id!));
    }
}
