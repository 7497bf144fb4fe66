using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using OpenStack.Catalog;
using OpenStack.Compute.V2;
using OpenStack.Tests.Integration;
using Xunit;

namespace OpenStack.Tests.Compute.V2;

/// <summary>Microversion negotiation and pinning against the real Nova.</summary>
[Collection(CloudCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ComputeMicroversionIntegrationTests
{
    private readonly CloudFixture _cloud;

    public ComputeMicroversionIntegrationTests(CloudFixture cloud) => _cloud = cloud;

    private async Task<OpenStackClient> PinnedAsync(string version)
    {
        var options = _cloud.OptionsForAnotherClient();
        options.DefaultMicroversions["compute"] = version;
        return await OpenStackClient.ConnectAsync(options);
    }

    private static async Task<string?> EchoedVersionAsync(OpenStackClient cloud, string path)
    {
        using var response = await cloud.Compute.Http.GetAsync(path);
        return response.Headers.TryGetValues("OpenStack-API-Version", out var values) ? values.Single() : null;
    }

    [SkippableFact]
    public async Task The_negotiated_version_is_the_services_max_capped_by_the_sdks()
    {
        var cloud = _cloud.Client;
        // Nova's own version document, read raw from its root.
        var root = JsonNode.Parse(await cloud.Compute.Http.GetStringAsync("/"))!;
        var v21 = root["versions"]!.AsArray().Single(v => (string?)v!["id"] == "v2.1")!;
        var serverMax = Microversion.Parse((string)v21["version"]!);
        var sdkMax = ComputeService.Descriptor.Microversions!.Max;
        var expected = serverMax.CompareTo(sdkMax) < 0 ? serverMax : sdkMax;

        Assert.Equal(expected, await cloud.Compute.Microversions!.GetAsync());
        Assert.False(cloud.Compute.Microversions.Pinned);
        Assert.Equal("compute " + expected, await EchoedVersionAsync(cloud, "servers?limit=1"));
    }

    [SkippableFact]
    public async Task A_pinned_version_is_sent_and_fields_outside_it_are_absent_or_refused()
    {
        var main = _cloud.Client;
        using var cloud = await PinnedAsync("2.50");
        Assert.True(cloud.Compute.Microversions!.Pinned);
        var imageId = await ComputeTestKit.ImageIdAsync(main);
        var (flavorId, _) = await ComputeTestKit.FlavorIdsAsync(main);
        var name = ComputeTestKit.Name("mv250");

        // Tags on create need 2.52: refused before anything is sent.
        var refused = await Assert.ThrowsAsync<NotSupportedException>(() => cloud.Compute.Servers.CreateAsync(new ServerCreateOptions
        {
            Name = name, ImageRef = imageId, FlavorRef = flavorId, Networks = ServerNetworks.None, Tags = new List<string> { "x" },
        }));
        Assert.Contains("ServerCreateOptions.Tags", refused.Message);
        Assert.Contains("2.52", refused.Message);
        Assert.Contains("2.50", refused.Message);
        Assert.Empty(await main.Compute.Servers.ListSummaryAsync(new ServerListOptions { Name = name }).ToListAsync());

        var created = await ComputeTestKit.BootAsync(main, new ServerCreateOptions { Name = name, ImageRef = imageId, FlavorRef = flavorId, Networks = ServerNetworks.None, Description = "at 2.50" }, via: cloud);
        try
        {
            var server = await cloud.Compute.Servers.GetAsync(created.Id!);
            Assert.Equal("compute 2.50", await EchoedVersionAsync(cloud, "servers/" + created.Id));
            var raw = await cloud.Compute.Http.GetStringAsync("servers/" + created.Id);
            var json = JsonNode.Parse(raw)!["server"]!.AsObject();
            Assert.False(json.ContainsKey("locked_reason"));               // 2.73
            Assert.False(json.ContainsKey("server_groups"));               // 2.71
            Assert.False(json.ContainsKey("trusted_image_certificates"));  // 2.63
            Assert.True(json.ContainsKey("description"));                  // 2.19
            Assert.True(json.ContainsKey("tags"));                         // 2.26
            Assert.Null(server.LockedReason);
            Assert.Null(server.ServerGroups);
            Assert.Equal("at 2.50", server.Description);
            RoundTrip.AssertNoKeyLost(raw, ComputeServersJsonContext.Default.ServerEnvelope);

            // The same server at the negotiated (newest) version has them.
            var newest = JsonNode.Parse(await main.Compute.Http.GetStringAsync("servers/" + created.Id))!["server"]!.AsObject();
            Assert.True(newest.ContainsKey("locked_reason"));
            Assert.True(newest.ContainsKey("server_groups"));

            // One call at the base version 2.1, chosen on the request itself: the handler leaves it alone, Nova
            // echoes 2.1 and answers the old shape (flavor as id + links), which still reads with nothing lost.
            using (var request = new System.Net.Http.HttpRequestMessage(System.Net.Http.HttpMethod.Get, "servers/" + created.Id))
            {
                request.Headers.TryAddWithoutValidation("OpenStack-API-Version", "compute 2.1");
                using var response = await cloud.Compute.Http.SendAsync(request);
                Assert.Equal("compute 2.1", response.Headers.GetValues("OpenStack-API-Version").Single());
                var oldRaw = await response.Content.ReadAsStringAsync();
                RoundTrip.AssertNoKeyLost(oldRaw, ComputeServersJsonContext.Default.ServerEnvelope);
                var old = System.Text.Json.JsonSerializer.Deserialize(oldRaw, ComputeServersJsonContext.Default.ServerEnvelope)!.Item!;
                Assert.Equal(flavorId, old.Flavor!.Id);
                Assert.NotEmpty(old.Flavor.Links!);
                Assert.Null(old.Flavor.OriginalName);
                Assert.Null(old.Description);   // 2.19
                Assert.Null(old.Tags);          // 2.26
                Assert.Null(old.Locked);        // 2.9
            }

            // Actions outside the pinned version are refused too: lock with a reason needs 2.73.
            var lockRefused = await Assert.ThrowsAsync<NotSupportedException>(() => cloud.Compute.Servers.LockAsync(created.Id!, new ServerLockRequest { LockedReason = "why" }));
            Assert.Contains("2.73", lockRefused.Message);
        }
        finally
        {
            await ComputeTestKit.DeleteServerAsync(main, created.Id!);
        }
    }

    [SkippableFact]
    public async Task Create_image_is_refused_below_2_45()
    {
        using var cloud = await PinnedAsync("2.44");
        var e = await Assert.ThrowsAsync<NotSupportedException>(() => cloud.Compute.Servers.CreateImageAsync(Guid.NewGuid().ToString(), "never"));
        Assert.Contains("ServersClient.CreateImageAsync", e.Message);
        Assert.Contains("2.45", e.Message);
    }

    [SkippableFact]
    public async Task Personality_files_are_refused_at_the_newest_version_and_accepted_at_2_56()
    {
        var main = _cloud.Client;
        var imageId = await ComputeTestKit.ImageIdAsync(main);
        var (flavorId, _) = await ComputeTestKit.FlavorIdsAsync(main);
        ServerCreateOptions Options(string name) => new()
        {
            Name = name,
            ImageRef = imageId,
            FlavorRef = flavorId,
            Networks = ServerNetworks.None,
            Personality = new List<ServerPersonalityFile> { new() { Path = "/etc/motd", Contents = Convert.ToBase64String("hello from the SDK tests"u8.ToArray()) } },
        };

        var newestName = ComputeTestKit.Name("pers");
        var refused = await Assert.ThrowsAsync<NotSupportedException>(() => main.Compute.Servers.CreateAsync(Options(newestName)));
        Assert.Contains("ServerCreateOptions.Personality", refused.Message);
        Assert.Contains("2.56", refused.Message);
        Assert.Empty(await main.Compute.Servers.ListSummaryAsync(new ServerListOptions { Name = newestName }).ToListAsync());

        using var cloud = await PinnedAsync("2.56");
        var created = await ComputeTestKit.BootAsync(main, Options(ComputeTestKit.Name("pers")), via: cloud);  // accepted, and it boots
        try
        {
            Assert.Equal(ServerStatus.Active, created.Status);
        }
        finally
        {
            await ComputeTestKit.DeleteServerAsync(main, created.Id!);
        }
    }
}
