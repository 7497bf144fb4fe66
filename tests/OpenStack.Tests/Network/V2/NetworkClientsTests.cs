using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using OpenStack.Network.V2;
using OpenStack.Tests.Core.Fakes;
using Xunit;

namespace OpenStack.Tests.Network.V2;

/// <summary>The generated Neutron clients over an in-process fake: what goes on the wire (bodies, query strings, paging).</summary>
public sealed class NetworkClientsTests
{
    private static (HttpClient Http, FakeHttpHandler Handler) Fake(Func<RecordedRequest, HttpResponseMessage> neutron)
    {
        var handler = new FakeHttpHandler(neutron);
        return (new HttpClient(handler) { BaseAddress = new Uri("http://neutron.test/v2.0/") }, handler);
    }

    private static JsonObject Body(RecordedRequest request) => JsonNode.Parse(request.Body!)!.AsObject();

    private static List<(string Key, string Value)> Query(Uri uri)
        => uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (Uri.UnescapeDataString(p[0]), Uri.UnescapeDataString(p[1])))
            .ToList();

    [Fact]
    public async Task Port_create_sends_fixed_ips_and_address_pairs_without_the_unset_keys()
    {
        var (http, handler) = Fake(_ => FakeHttpHandler.Json(HttpStatusCode.Created, """{"port":{"id":"p1","binding:vnic_type":"normal"}}"""));
        var port = await new PortsClient(http).CreateAsync(new PortCreateOptions
        {
            NetworkId = "n1",
            FixedIps = new List<PortFixedIp> { new() { SubnetId = "s1" } },
            AllowedAddressPairs = new List<PortAddressPair> { new() { IpAddress = "10.0.0.5" } },
            BindingVnicType = "normal",
        });
        Assert.Equal("normal", port.BindingVnicType);
        var sent = handler.Requests.Single();
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("/v2.0/ports", sent.Uri.AbsolutePath);
        Assert.Equal(
            """{"port":{"network_id":"n1","fixed_ips":[{"subnet_id":"s1"}],"allowed_address_pairs":[{"ip_address":"10.0.0.5"}],"binding:vnic_type":"normal"}}""",
            Body(sent).ToJsonString());
    }

    [Fact]
    public async Task Router_update_is_a_put_with_the_router_envelope_and_an_empty_gateway_clears_it()
    {
        var (http, handler) = Fake(_ => FakeHttpHandler.Json(HttpStatusCode.OK, """{"router":{"id":"r1","external_gateway_info":null}}"""));
        var router = await new RoutersClient(http).UpdateAsync("r1", new RouterUpdateOptions { ExternalGatewayInfo = new RouterGatewayInfo() });
        Assert.Null(router.ExternalGatewayInfo);
        var sent = handler.Requests.Single();
        Assert.Equal(HttpMethod.Put, sent.Method);
        Assert.Equal("/v2.0/routers/r1", sent.Uri.AbsolutePath);
        Assert.Equal("""{"router":{"external_gateway_info":{}}}""", Body(sent).ToJsonString());
    }

    [Fact]
    public async Task Floating_ip_disassociate_sends_an_explicit_null_port()
    {
        var (http, handler) = Fake(_ => FakeHttpHandler.Json(HttpStatusCode.OK, """{"floatingip":{"id":"f1","port_id":null}}"""));
        var fip = await new FloatingIpsClient(http).DisassociateAsync("f1");
        Assert.Equal("f1", fip.Id);
        var sent = handler.Requests.Single();
        Assert.Equal(HttpMethod.Put, sent.Method);
        Assert.Equal("/v2.0/floatingips/f1", sent.Uri.AbsolutePath);
        Assert.Equal("""{"floatingip":{"port_id":null}}""", Body(sent).ToJsonString());
    }

    [Fact]
    public async Task Tag_actions_use_the_tags_paths_and_replace_sends_the_whole_list()
    {
        var (http, handler) = Fake(r => r.Method == HttpMethod.Put && r.Uri.AbsolutePath.EndsWith("/tags", StringComparison.Ordinal)
            ? FakeHttpHandler.Json(HttpStatusCode.OK, """{"tags":["a","b"]}""")
            : new HttpResponseMessage(HttpStatusCode.NoContent));
        var networks = new NetworksClient(http);
        Assert.Equal(new[] { "a", "b" }, await networks.ReplaceTagsAsync("n1", new NetworkReplaceTagsRequest { Tags = new List<string> { "a", "b" } }));
        await networks.AddTagAsync("n1", "x/y z");
        await networks.RemoveAllTagsAsync("n1");
        var requests = handler.Requests;
        Assert.Equal("""{"tags":["a","b"]}""", Body(requests[0]).ToJsonString());
        Assert.Equal("/v2.0/networks/n1/tags/x%2Fy%20z", requests[1].Uri.AbsolutePath);
        Assert.Equal(HttpMethod.Delete, requests[2].Method);
        Assert.Equal("/v2.0/networks/n1/tags", requests[2].Uri.AbsolutePath);
    }

    [Fact]
    public async Task List_writes_colon_filters_tag_filters_and_repeated_fields_then_follows_networks_links()
    {
        var (http, handler) = Fake(r => r.Uri.Query.Contains("marker=", StringComparison.Ordinal)
            ? FakeHttpHandler.Json(HttpStatusCode.OK, """{"networks":[{"id":"n2"}],"networks_links":[{"rel":"previous","href":"http://elsewhere/v2.0/networks?marker=n2&page_reverse=True"}]}""")
            : FakeHttpHandler.Json(HttpStatusCode.OK, """{"networks":[{"id":"n1"}],"networks_links":[{"rel":"next","href":"http://elsewhere/v2.0/networks?limit=1&marker=n1"}]}"""));
        var ids = new List<string?>();
        await foreach (var n in new NetworksClient(http).ListAsync(new NetworkListOptions
        {
            RouterExternal = true,
            ProviderNetworkType = "vxlan",
            TagsAny = "a,b",
            NotTags = "c",
            Fields = new List<string> { "id", "name" },
            SortKey = new List<string> { "name" },
            SortDir = new List<NetworkListOptionsSortDirItem> { NetworkListOptionsSortDirItem.Desc },
            Limit = 1,
        }))
            ids.Add(n.Id);

        Assert.Equal(new[] { "n1", "n2" }, ids);
        var first = Query(handler.Requests[0].Uri);
        Assert.Contains(("router:external", "true"), first);
        Assert.Contains(("provider:network_type", "vxlan"), first);
        Assert.Contains(("tags-any", "a,b"), first);
        Assert.Contains(("not-tags", "c"), first);
        Assert.Equal(new[] { "id", "name" }, first.Where(q => q.Key == "fields").Select(q => q.Value));
        Assert.Contains(("sort_dir", "desc"), first);
        Assert.Contains(("limit", "1"), first);
        // The next link's query is used on the client's own endpoint, not the host the server named.
        Assert.Equal("neutron.test", handler.Requests[1].Uri.Host);
        Assert.Contains(("marker", "n1"), Query(handler.Requests[1].Uri));
        Assert.Equal(2, handler.Requests.Count);
    }
}
