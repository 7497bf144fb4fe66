using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using OpenStack.Network.V2;
using OpenStack.Tests.Integration;
using Xunit;
using static OpenStack.Tests.Network.V2.NetworkTestKit;

namespace OpenStack.Tests.Network.V2;

/// <summary>Neutron networks, subnets and ports on the real local cloud (specs/network/v2.0/*.yaml).</summary>
[Collection(CloudCollection.Name)]
[Trait("Category", "Integration")]
public sealed class NetworksIntegrationTests
{
    private readonly CloudFixture _cloud;

    public NetworksIntegrationTests(CloudFixture cloud) => _cloud = cloud;

    private NetworkService Net => _cloud.Client.Network;

    [SkippableFact]
    public async Task Network_lifecycle_filters_tags_update_delete_then_404()
    {
        var name = Name("net");
        var network = await Net.Networks.CreateAsync(new NetworkCreateOptions
        {
            Name = name,
            Description = "created by the SDK tests",
            AdminStateUp = true,
            Mtu = 1400,
            PortSecurityEnabled = true,
        });
        try
        {
            Assert.Equal(name, network.Name);
            Assert.Equal(1400, network.Mtu);
            Assert.Equal(NetworkStatus.Active, network.Status);
            Assert.False(network.RouterExternal);
            Assert.Equal(_cloud.Client.Connection.Token.ProjectId, network.ProjectId);
            Assert.False(string.IsNullOrEmpty(network.ProviderNetworkType)); // provider:network_type (admin sees it; vxlan here)
            Assert.NotNull(network.ProviderSegmentationId);
            Assert.NotNull(network.CreatedAt);

            var fetched = await Net.Networks.GetAsync(network.Id!);
            Assert.Equal(network.Id, fetched.Id);
            Assert.Equal("created by the SDK tests", fetched.Description);

            var byName = await ToListAsync(Net.Networks.ListAsync(new NetworkListOptions { Name = name, RouterExternal = false, Shared = false }));
            Assert.Equal(network.Id, Assert.Single(byName).Id);
            Assert.Empty(await ToListAsync(Net.Networks.ListAsync(new NetworkListOptions { Name = name, RouterExternal = true })));

            // fields= trims the response: only the asked-for keys come back.
            var trimmed = Assert.Single(await ToListAsync(Net.Networks.ListAsync(new NetworkListOptions { Name = name, Fields = new List<string> { "id", "name" } })));
            Assert.Equal(network.Id, trimmed.Id);
            Assert.Null(trimmed.Mtu);
            Assert.Null(trimmed.Status);

            var updated = await Net.Networks.UpdateAsync(network.Id!, new NetworkUpdateOptions { Name = name + "-renamed", Description = "changed", Mtu = 1300 });
            Assert.Equal(name + "-renamed", updated.Name);
            Assert.Equal("changed", updated.Description);
            Assert.Equal(1300, updated.Mtu);
            Assert.True(updated.RevisionNumber > network.RevisionNumber);

            // Tags: replace all, add one, check, remove one, filter by tags, remove all.
            var tagA = Name("a");
            var tagB = Name("b");
            var replaced = await Net.Networks.ReplaceTagsAsync(network.Id!, new NetworkReplaceTagsRequest { Tags = new List<string> { tagA, tagB } });
            Assert.Equal(new[] { tagA, tagB }.OrderBy(t => t), replaced.OrderBy(t => t));
            await Net.Networks.AddTagAsync(network.Id!, "sdk-extra");
            await Net.Networks.CheckTagAsync(network.Id!, "sdk-extra");
            await Net.Networks.RemoveTagAsync(network.Id!, tagA);
            var missing = await AssertNotFound(() => Net.Networks.CheckTagAsync(network.Id!, tagA));
            Assert.Equal(new[] { "sdk-extra", tagB }.OrderBy(t => t, StringComparer.Ordinal), (await Net.Networks.ListTagsAsync(network.Id!)).OrderBy(t => t, StringComparer.Ordinal));
            Assert.Equal(new[] { "sdk-extra", tagB }.OrderBy(t => t, StringComparer.Ordinal), (await Net.Networks.GetAsync(network.Id!)).Tags!.OrderBy(t => t, StringComparer.Ordinal));

            Assert.Equal(network.Id, Assert.Single(await ToListAsync(Net.Networks.ListAsync(new NetworkListOptions { Tags = tagB + ",sdk-extra" }))).Id);
            Assert.Equal(network.Id, Assert.Single(await ToListAsync(Net.Networks.ListAsync(new NetworkListOptions { TagsAny = tagA + "," + tagB }))).Id);
            Assert.Empty(await ToListAsync(Net.Networks.ListAsync(new NetworkListOptions { Tags = tagA + "," + tagB })));
            Assert.Empty(await ToListAsync(Net.Networks.ListAsync(new NetworkListOptions { Name = name + "-renamed", NotTags = tagB })));
            Assert.Empty(await ToListAsync(Net.Networks.ListAsync(new NetworkListOptions { Name = name + "-renamed", NotTagsAny = tagA + "," + tagB })));
            Assert.Single(await ToListAsync(Net.Networks.ListAsync(new NetworkListOptions { Name = name + "-renamed", NotTagsAny = tagA })));

            await Net.Networks.RemoveAllTagsAsync(network.Id!);
            Assert.Empty(await Net.Networks.ListTagsAsync(network.Id!));

            var raw = await Net.Http.GetStringAsync("networks/" + network.Id);
            RoundTrip.AssertNoKeyLost(raw, NetworkNetworksJsonContext.Default.NetworkEnvelope);
        }
        finally
        {
            await Quietly(() => Net.Networks.DeleteAsync(network.Id!));
        }
        var gone = await AssertNotFound(() => Net.Networks.GetAsync(network.Id!));
        Assert.Contains(network.Id!, gone.ServerMessage);
        Assert.Equal("GET", gone.Method?.ToString());
    }

    [SkippableFact]
    public async Task Subnet_and_port_lifecycle_with_fixed_ips_address_pairs_and_a_409_for_a_network_in_use()
    {
        var network = await Net.Networks.CreateAsync(new NetworkCreateOptions { Name = Name("net") });
        Subnet? subnet = null;
        Port? port = null;
        SecurityGroup? group = null;
        try
        {
            var (cidr, prefix) = Cidr24();
            var subnetName = Name("subnet");
            subnet = await Net.Subnets.CreateAsync(new SubnetCreateOptions
            {
                NetworkId = network.Id!,
                IpVersion = 4,
                Name = subnetName,
                Cidr = cidr,
                GatewayIp = prefix + "1",
                EnableDhcp = false,
                AllocationPools = new List<SubnetAllocationPool> { new() { Start = prefix + "10", End = prefix + "99" } },
                DnsNameservers = new List<string> { "192.0.2.53" },
                HostRoutes = new List<SubnetHostRoute> { new() { Destination = "192.0.2.0/24", Nexthop = prefix + "2" } },
            });
            Assert.Equal(cidr, subnet.Cidr);
            Assert.Equal(prefix + "1", subnet.GatewayIp);
            Assert.Equal(prefix + "10", Assert.Single(subnet.AllocationPools!).Start);
            Assert.Equal(prefix + "2", Assert.Single(subnet.HostRoutes!).Nexthop);
            Assert.Equal(new[] { "192.0.2.53" }, subnet.DnsNameservers);
            Assert.Equal(new[] { subnet.Id! }, (await Net.Networks.GetAsync(network.Id!)).Subnets);

            Assert.Equal(subnet.Id, Assert.Single(await ToListAsync(Net.Subnets.ListAsync(new SubnetListOptions { NetworkId = network.Id, IpVersion = 4 }))).Id);
            Assert.Equal(subnet.Id, Assert.Single(await ToListAsync(Net.Subnets.ListAsync(new SubnetListOptions { Cidr = cidr, Name = subnetName }))).Id);

            var renamed = await Net.Subnets.UpdateAsync(subnet.Id!, new SubnetUpdateOptions { Name = subnetName + "-2", DnsNameservers = new List<string>() });
            Assert.Equal(subnetName + "-2", renamed.Name);
            Assert.Empty(renamed.DnsNameservers!);
            await Net.Subnets.AddTagAsync(subnet.Id!, "sdk-subnet-tag");
            Assert.Equal(new[] { "sdk-subnet-tag" }, await Net.Subnets.ListTagsAsync(subnet.Id!));
            Assert.Equal(subnet.Id, Assert.Single(await ToListAsync(Net.Subnets.ListAsync(new SubnetListOptions { NetworkId = network.Id, Tags = "sdk-subnet-tag" }))).Id);

            group = await Net.SecurityGroups.CreateAsync(new SecurityGroupCreateOptions { Name = Name("sg") });

            // Nested request records leave unset properties out: no ip_address in fixed_ips, no mac_address in the pair.
            var portName = Name("port");
            port = await Net.Ports.CreateAsync(new PortCreateOptions
            {
                NetworkId = network.Id!,
                Name = portName,
                FixedIps = new List<PortFixedIp> { new() { SubnetId = subnet.Id } },
                AllowedAddressPairs = new List<PortAddressPair> { new() { IpAddress = "192.0.2.100/32" } },
                DeviceOwner = "sdk-test",
                BindingVnicType = "normal",
            });
            var fixedIp = Assert.Single(port.FixedIps!);
            Assert.Equal(subnet.Id, fixedIp.SubnetId);
            Assert.StartsWith(prefix, fixedIp.IpAddress);
            var pair = Assert.Single(port.AllowedAddressPairs!);
            Assert.Equal("192.0.2.100/32", pair.IpAddress);
            Assert.Equal(port.MacAddress, pair.MacAddress);
            Assert.Equal("normal", port.BindingVnicType);
            Assert.Equal("sdk-test", port.DeviceOwner);
            Assert.Single(port.SecurityGroups!); // the project's default group

            var ports = await ToListAsync(Net.Ports.ListAsync(new PortListOptions { NetworkId = network.Id, DeviceOwner = "sdk-test" }));
            Assert.Equal(port.Id, Assert.Single(ports).Id);
            var byIp = await ToListAsync(Net.Ports.ListAsync(new PortListOptions { FixedIps = new List<string> { "ip_address=" + fixedIp.IpAddress, "subnet_id=" + subnet.Id } }));
            Assert.Equal(port.Id, Assert.Single(byIp).Id);

            var chosen = prefix + "50";
            var updated = await Net.Ports.UpdateAsync(port.Id!, new PortUpdateOptions
            {
                Name = portName + "-2",
                SecurityGroups = new List<string> { group.Id! },
                FixedIps = new List<PortFixedIp> { new() { SubnetId = subnet.Id, IpAddress = chosen } },
            });
            Assert.Equal(portName + "-2", updated.Name);
            Assert.Equal(new[] { group.Id! }, updated.SecurityGroups);
            Assert.Equal(chosen, Assert.Single(updated.FixedIps!).IpAddress);
            Assert.Equal(port.Id, Assert.Single(await ToListAsync(Net.Ports.ListAsync(new PortListOptions { SecurityGroups = new List<string> { group.Id! } }))).Id);

            var portTags = await Net.Ports.ReplaceTagsAsync(port.Id!, new PortReplaceTagsRequest { Tags = new List<string> { "p1", "p2" } });
            Assert.Equal(2, portTags.Count);
            Assert.Equal(port.Id, Assert.Single(await ToListAsync(Net.Ports.ListAsync(new PortListOptions { NetworkId = network.Id, TagsAny = "p2,zz" }))).Id);

            // Real responses keep every key (binding:*, extension attributes) through the typed records.
            RoundTrip.AssertNoKeyLost(await Net.Http.GetStringAsync("ports/" + port.Id), NetworkPortsJsonContext.Default.PortEnvelope);
            RoundTrip.AssertNoKeyLost(await Net.Http.GetStringAsync("subnets/" + subnet.Id), NetworkSubnetsJsonContext.Default.SubnetEnvelope);
            RoundTrip.AssertNoKeyLost(await Net.Http.GetStringAsync("ports?network_id=" + network.Id), NetworkPortsJsonContext.Default.PortListPage);

            // A network with a port on it cannot be deleted: Neutron answers 409 NetworkInUse.
            var conflict = await Assert.ThrowsAsync<OpenStackException>(() => Net.Networks.DeleteAsync(network.Id!));
            Assert.Equal(409, conflict.Status);
            Assert.False(string.IsNullOrEmpty(conflict.RequestId));
            Assert.Contains(network.Id!, conflict.ServerMessage);
            Assert.Contains("in use", conflict.ServerMessage, StringComparison.OrdinalIgnoreCase);

            await Net.Ports.DeleteAsync(port.Id!);
            await AssertNotFound(() => Net.Ports.GetAsync(port.Id!));
            await Net.Subnets.DeleteAsync(subnet.Id!);
            await AssertNotFound(() => Net.Subnets.GetAsync(subnet.Id!));
        }
        finally
        {
            if (port is not null) await Quietly(() => Net.Ports.DeleteAsync(port.Id!));
            if (group is not null) await Quietly(() => Net.SecurityGroups.DeleteAsync(group.Id!));
            if (subnet is not null) await Quietly(() => Net.Subnets.DeleteAsync(subnet.Id!));
            await Quietly(() => Net.Networks.DeleteAsync(network.Id!));
        }
    }

    [SkippableFact]
    public async Task Networks_page_through_networks_links_with_limit_1_and_sort()
    {
        var tag = Name("page");
        var ids = new List<string>();
        try
        {
            foreach (var suffix in new[] { "c", "a", "b" })
            {
                var n = await Net.Networks.CreateAsync(new NetworkCreateOptions { Name = tag + "-" + suffix });
                ids.Add(n.Id!);
                await Net.Networks.AddTagAsync(n.Id!, tag);
            }

            // The raw first page has a networks_links next link: the server really pages.
            var raw = await Net.Http.GetStringAsync("networks?tags=" + tag + "&limit=1");
            Assert.Contains("networks_links", raw);
            RoundTrip.AssertNoKeyLost(raw, NetworkNetworksJsonContext.Default.NetworkListPage);

            var options = new NetworkListOptions
            {
                Tags = tag,
                Limit = 1,
                SortKey = new List<string> { "name" },
                SortDir = new List<NetworkListOptionsSortDirItem> { NetworkListOptionsSortDirItem.Asc },
            };
            var pages = new List<IReadOnlyList<OpenStack.Network.V2.Network>>();
            await foreach (var page in Net.Networks.ListAsync(options).AsPages()) pages.Add(page.Values);
            Assert.True(pages.Count >= 3, $"expected at least 3 pages, got {pages.Count}");
            Assert.All(pages, p => Assert.True(p.Count <= 1));
            var names = pages.SelectMany(p => p).Select(n => n.Name).ToList();
            Assert.Equal(new[] { tag + "-a", tag + "-b", tag + "-c" }, names);

            var descending = await ToListAsync(Net.Networks.ListAsync(new NetworkListOptions
            {
                Tags = tag, Limit = 2, SortKey = new List<string> { "name" },
                SortDir = new List<NetworkListOptionsSortDirItem> { NetworkListOptionsSortDirItem.Desc },
            }));
            Assert.Equal(new[] { tag + "-c", tag + "-b", tag + "-a" }, descending.Select(n => n.Name));
        }
        finally
        {
            foreach (var id in ids) await Quietly(() => Net.Networks.DeleteAsync(id));
        }
    }
}
