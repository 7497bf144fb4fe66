using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using OpenStack.Catalog;
using OpenStack.Compute.V2;
using OpenStack.Tests.Core.Fakes;
using Xunit;

namespace OpenStack.Tests.Compute.V2;

/// <summary>The generated and handwritten ServersClient over an in-process transport: what goes on the wire.</summary>
public sealed class ServersClientTests
{
    private static (FakeHttpHandler Handler, ServersClient Client) Create(string microversion, Func<RecordedRequest, HttpResponseMessage>? respond = null)
    {
        var handler = new FakeHttpHandler(respond ?? (_ => FakeHttpHandler.Json(HttpStatusCode.Accepted, "{}")));
        var http = new HttpClient(handler) { BaseAddress = new Uri("http://nova.test/v2.1/") };
        return (handler, new ServersClient(http, MicroversionNegotiator.Fixed(ComputeService.Descriptor, Microversion.Parse(microversion))));
    }

    private const string Created = """{"server": {"id": "s1", "adminPass": "p", "links": [], "OS-DCF:diskConfig": "MANUAL", "security_groups": [{"name": "default"}]}}""";

    [Theory]
    [InlineData("auto")]
    [InlineData("none")]
    public async Task Networks_can_be_a_word(string word)
    {
        var (handler, client) = Create("2.93", _ => FakeHttpHandler.Json(HttpStatusCode.Accepted, Created));
        var server = await client.CreateAsync(new ServerCreateOptions
        {
            Name = "n", ImageRef = "i", FlavorRef = "f", Networks = word == "auto" ? ServerNetworks.Auto : ServerNetworks.None,
        });
        var body = JsonNode.Parse(Assert.Single(handler.Requests).Body!)!["server"]!;
        Assert.Equal(word, (string?)body["networks"]);
        Assert.Equal("s1", server.Id);
        Assert.Equal(DiskConfig.Manual, server.DiskConfig);
    }

    [Fact]
    public async Task Networks_can_be_a_list_and_user_data_is_base64()
    {
        var (handler, client) = Create("2.93", _ => FakeHttpHandler.Json(HttpStatusCode.Accepted, Created));
        await client.CreateAsync(new ServerCreateOptions
        {
            Name = "n", ImageRef = "i", FlavorRef = "f",
            Networks = ServerNetworks.Of(new ServerNetworkRequest { Uuid = "net" }, new ServerNetworkRequest { Port = "port", Tag = "t" }),
            AdminPassword = "secret-pass",
        }.SetUserData("hi"));
        var body = JsonNode.Parse(Assert.Single(handler.Requests).Body!)!["server"]!;
        Assert.Equal("""[{"uuid":"net"},{"port":"port","tag":"t"}]""", body["networks"]!.ToJsonString());
        Assert.Equal("aGk=", (string?)body["user_data"]);
        Assert.Equal("secret-pass", (string?)body["adminPass"]);
        Assert.Equal("f", (string?)body["flavorRef"]);
        Assert.Null(body["tags"]);  // unset is not sent
    }

    [Fact]
    public async Task Parameterless_actions_send_their_key_and_an_empty_object()
    {
        var (handler, client) = Create("2.93");
        await client.StartAsync("s1");
        await client.StopAsync("s1");
        await client.ConfirmResizeAsync("s1");
        await client.RebootAsync("s1", hard: true);
        await client.ResizeAsync("s1", "2");
        var bodies = handler.Requests.Select(r => r.Body).ToList();
        Assert.Equal(new[]
        {
            """{"os-start":{}}""", """{"os-stop":{}}""", """{"confirmResize":{}}""", """{"reboot":{"type":"HARD"}}""", """{"resize":{"flavorRef":"2"}}""",
        }, bodies);
        Assert.All(handler.Requests, r => Assert.Equal("http://nova.test/v2.1/servers/s1/action", r.Uri.ToString()));
    }

    [Fact]
    public async Task Json_action_results_are_unwrapped()
    {
        var (_, client) = Create("2.93", r => FakeHttpHandler.Json(HttpStatusCode.OK, r.Body!.Contains("rescue") ? """{"adminPass": "r3scue"}"""
            : r.Body.Contains("createImage") ? """{"image_id": "img-1"}""" : """{"output": "line1\nline2"}"""));
        Assert.Equal("r3scue", await client.RescueAsync("s1"));
        Assert.Equal("img-1", await client.CreateImageAsync("s1", "snap"));
        Assert.Equal("line1\nline2", await client.GetConsoleOutputAsync("s1", 2));
    }

    [Fact]
    public async Task Addresses_by_network_read_the_labelled_key()
    {
        var (handler, client) = Create("2.93", _ => FakeHttpHandler.Json(HttpStatusCode.OK, """{"my net": [{"addr": "10.0.0.5", "version": 4}]}"""));
        var addresses = await client.ListAddressesByNetworkAsync("s1", "my net");
        Assert.Equal("10.0.0.5", Assert.Single(addresses).Addr);
        Assert.Equal("/v2.1/servers/s1/ips/my%20net", Assert.Single(handler.Requests).Uri.AbsolutePath);
    }

    [Fact]
    public async Task Fields_outside_the_microversion_are_refused_before_sending()
    {
        var (handler, client) = Create("2.50");
        var e = await Assert.ThrowsAsync<NotSupportedException>(() => client.CreateAsync(new ServerCreateOptions { Name = "n", Tags = new[] { "x" } }));
        Assert.Contains("2.52", e.Message);
        var (newer, newClient) = Create("2.93");
        await Assert.ThrowsAsync<NotSupportedException>(() => newClient.CreateAsync(new ServerCreateOptions
        {
            Name = "n", Personality = new[] { new ServerPersonalityFile { Path = "/p", Contents = "eA==" } },
        }));
        Assert.Empty(handler.Requests);
        Assert.Empty(newer.Requests);
    }

    [Fact]
    public void Colon_fields_map_to_clean_names()
    {
        var server = System.Text.Json.JsonSerializer.Deserialize(
            """{"id": "s1", "OS-EXT-STS:vm_state": "active", "OS-EXT-STS:task_state": null, "OS-EXT-AZ:availability_zone": "nova", "OS-EXT-SRV-ATTR:host": "h", "image": "", "fault": {"message": "boom", "code": 500}}""",
            ComputeServersJsonContext.Default.Server)!;
        Assert.Equal("active", server.VmState);
        Assert.Null(server.TaskState);
        Assert.Equal("nova", server.AvailabilityZoneName);
        Assert.Equal("h", server.Host);
        Assert.Null(server.ImageId);  // booted from a volume: image is ""
        Assert.Equal("boom", server.Fault!.Message);
    }
}
