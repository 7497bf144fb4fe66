using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using OpenStack.Network.V2;
using OpenStack.Tests.Integration;
using Xunit;
using static OpenStack.Tests.Network.V2.NetworkTestKit;

namespace OpenStack.Tests.Network.V2;

/// <summary>
/// Neutron routers and floating IPs on the real local cloud: an external network of our own (admin), a router with
/// its gateway there and an interface on an internal subnet, a floating IP allocated, associated, disassociated, released.
/// </summary>
[Collection(CloudCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RoutersIntegrationTests
{
    private readonly CloudFixture _cloud;

    public RoutersIntegrationTests(CloudFixture cloud) => _cloud = cloud;

    private NetworkService Net => _cloud.Client.Network;

    [SkippableFact]
    public async Task Router_gateway_interface_and_floating_ip_associate_disassociate_release()
    {
        var cleanup = new Stack<Func<Task>>();
        try
        {
            // An external network of our own, so tests never compete for the shared 'public' pool.
            var external = await Net.Networks.CreateAsync(new NetworkCreateOptions { Name = Name("ext"), RouterExternal = true });
            cleanup.Push(() => Net.Networks.DeleteAsync(external.Id!));
            Assert.True(external.RouterExternal);
            Assert.Contains(await ToListAsync(Net.Networks.ListAsync(new NetworkListOptions { RouterExternal = true, Name = external.Name })), n => n.Id == external.Id);
            var (extCidr, extPrefix) = Cidr24();
            var extSubnet = await Net.Subnets.CreateAsync(new SubnetCreateOptions
            {
                NetworkId = external.Id!, IpVersion = 4, Cidr = extCidr, EnableDhcp = false, Name = Name("ext-subnet"),
            });
            cleanup.Push(() => Net.Subnets.DeleteAsync(extSubnet.Id!));

            var inside = await Net.Networks.CreateAsync(new NetworkCreateOptions { Name = Name("int") });
            cleanup.Push(() => Net.Networks.DeleteAsync(inside.Id!));
            var (intCidr, intPrefix) = Cidr24();
            var intSubnet = await Net.Subnets.CreateAsync(new SubnetCreateOptions
            {
                NetworkId = inside.Id!, IpVersion = 4, Cidr = intCidr, EnableDhcp = false, Name = Name("int-subnet"),
            });
            cleanup.Push(() => Net.Subnets.DeleteAsync(intSubnet.Id!));

            // Router with its gateway set at create time; enable_snat is left out of the body (it needs admin anyway).
            var routerName = Name("router");
            var router = await Net.Routers.CreateAsync(new RouterCreateOptions
            {
                Name = routerName,
                ExternalGatewayInfo = new RouterGatewayInfo { NetworkId = external.Id },
            });
            cleanup.Push(() => Net.Routers.DeleteAsync(router.Id!));
            Assert.Equal(external.Id, router.ExternalGatewayInfo!.NetworkId);
            var gatewayIp = Assert.Single(router.ExternalGatewayInfo.ExternalFixedIps!);
            Assert.Equal(extSubnet.Id, gatewayIp.SubnetId);
            Assert.StartsWith(extPrefix, gatewayIp.IpAddress);
            Assert.Equal(RouterStatus.Active, router.Status);

            Assert.Equal(router.Id, Assert.Single(await ToListAsync(Net.Routers.ListAsync(new RouterListOptions { Name = routerName }))).Id);

            var added = await Net.Routers.AddInterfaceAsync(router.Id!, new RouterAddInterfaceRequest { SubnetId = intSubnet.Id });
            Assert.Equal(router.Id, added.Id);
            Assert.Equal(intSubnet.Id, added.SubnetId);
            Assert.Equal(inside.Id, added.NetworkId);
            Assert.False(string.IsNullOrEmpty(added.PortId));
            var interfacePort = await Net.Ports.GetAsync(added.PortId!);
            Assert.Equal("network:router_interface", interfacePort.DeviceOwner);
            Assert.Equal(router.Id, interfacePort.DeviceId);
            Assert.Equal(intPrefix + "1", Assert.Single(interfacePort.FixedIps!).IpAddress); // the subnet's gateway IP
            var routerPorts = await ToListAsync(Net.Ports.ListAsync(new PortListOptions { DeviceId = router.Id }));
            Assert.Contains(routerPorts, p => p.Id == added.PortId);

            // A port on the internal network stands in for a server's port.
            var port = await Net.Ports.CreateAsync(new PortCreateOptions { NetworkId = inside.Id!, Name = Name("vm-port") });
            cleanup.Push(() => Net.Ports.DeleteAsync(port.Id!));
            var portIp = Assert.Single(port.FixedIps!).IpAddress;

            // Allocate from the external network: no port yet.
            var fip = await Net.FloatingIps.CreateAsync(new FloatingIpCreateOptions { FloatingNetworkId = external.Id!, Description = "sdk test" });
            cleanup.Push(() => Net.FloatingIps.DeleteAsync(fip.Id!));
            Assert.StartsWith(extPrefix, fip.FloatingIpAddress);
            Assert.Null(fip.PortId);
            Assert.Null(fip.RouterId);
            Assert.Equal(FloatingIpStatus.Down, fip.Status);

            var associated = await Net.FloatingIps.UpdateAsync(fip.Id!, new FloatingIpUpdateOptions { PortId = port.Id });
            Assert.Equal(port.Id, associated.PortId);
            Assert.Equal(portIp, associated.FixedIpAddress);
            Assert.Equal(router.Id, associated.RouterId);
            Assert.Equal(inside.Id, associated.PortDetails!.NetworkId);   // fip-port-details
            Assert.Equal(fip.Id, Assert.Single(await ToListAsync(Net.FloatingIps.ListAsync(new FloatingIpListOptions { PortId = port.Id }))).Id);
            Assert.Equal(fip.Id, Assert.Single(await ToListAsync(Net.FloatingIps.ListAsync(new FloatingIpListOptions { FloatingIpAddress = fip.FloatingIpAddress, FloatingNetworkId = external.Id }))).Id);
            RoundTrip.AssertNoKeyLost(await Net.Http.GetStringAsync("floatingips/" + fip.Id), NetworkFloatingIpsJsonContext.Default.FloatingIpEnvelope);

            await Net.FloatingIps.AddTagAsync(fip.Id!, "sdk-fip");
            Assert.Equal(new[] { "sdk-fip" }, (await Net.FloatingIps.GetAsync(fip.Id!)).Tags);
            Assert.Equal(fip.Id, Assert.Single(await ToListAsync(Net.FloatingIps.ListAsync(new FloatingIpListOptions { FloatingNetworkId = external.Id, Tags = "sdk-fip" }))).Id);

            var disassociated = await Net.FloatingIps.DisassociateAsync(fip.Id!);
            Assert.Null(disassociated.PortId);
            Assert.Null(disassociated.FixedIpAddress);
            Assert.Null((await Net.FloatingIps.GetAsync(fip.Id!)).PortId);
            Assert.Empty(await ToListAsync(Net.FloatingIps.ListAsync(new FloatingIpListOptions { PortId = port.Id })));

            // Release.
            await Net.FloatingIps.DeleteAsync(fip.Id!);
            await AssertNotFound(() => Net.FloatingIps.GetAsync(fip.Id!));

            // Router update, tags and the raw round trip (external_gateway_info with its fixed IPs).
            var renamed = await Net.Routers.UpdateAsync(router.Id!, new RouterUpdateOptions
            {
                Name = routerName + "-2",
                Routes = new List<RouterRoute> { new() { Destination = "192.0.2.0/24", Nexthop = intPrefix + "5" } },
            });
            Assert.Equal(routerName + "-2", renamed.Name);
            Assert.Equal(intPrefix + "5", Assert.Single(renamed.Routes!).Nexthop);
            var routerTags = await Net.Routers.ReplaceTagsAsync(router.Id!, new RouterReplaceTagsRequest { Tags = new List<string> { "r1" } });
            Assert.Equal(new[] { "r1" }, routerTags);
            Assert.Equal(router.Id, Assert.Single(await ToListAsync(Net.Routers.ListAsync(new RouterListOptions { Tags = "r1", Name = routerName + "-2" }))).Id);
            RoundTrip.AssertNoKeyLost(await Net.Http.GetStringAsync("routers/" + router.Id), NetworkRoutersJsonContext.Default.RouterEnvelope);

            var other = await Net.Routers.UpdateAsync(router.Id!, new RouterUpdateOptions { Routes = new List<RouterRoute>() });
            Assert.Empty(other.Routes!);
            var removed = await Net.Routers.RemoveInterfaceAsync(router.Id!, new RouterRemoveInterfaceRequest { SubnetId = intSubnet.Id });
            Assert.Equal(added.PortId, removed.PortId);
            await AssertNotFound(() => Net.Ports.GetAsync(added.PortId!));
            // An interface the router no longer has: 404 from Neutron, naming the router.
            var noInterface = await AssertNotFound(() => Net.Routers.RemoveInterfaceAsync(router.Id!, new RouterRemoveInterfaceRequest { SubnetId = intSubnet.Id }));
            Assert.Contains(router.Id!, noInterface.ServerMessage);

            // Clearing the gateway: an empty external_gateway_info object.
            var cleared = await Net.Routers.UpdateAsync(router.Id!, new RouterUpdateOptions { ExternalGatewayInfo = new RouterGatewayInfo() });
            Assert.Null(cleared.ExternalGatewayInfo);
            var again = await Net.Routers.UpdateAsync(router.Id!, new RouterUpdateOptions { ExternalGatewayInfo = new RouterGatewayInfo { NetworkId = external.Id } });
            Assert.Equal(external.Id, again.ExternalGatewayInfo!.NetworkId);

            await Net.Routers.DeleteAsync(router.Id!);
            await AssertNotFound(() => Net.Routers.GetAsync(router.Id!));
        }
        finally
        {
            while (cleanup.Count > 0) await Quietly(cleanup.Pop());
        }
    }
}
