using System;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using OpenStack.Compute.V2;
using OpenStack.Image.V2;
using OpenStack.Waiting;

namespace OpenStack.Tests.Compute.V2;

/// <summary>
/// What the compute tests need around a server, made with raw HTTP on the other services (network and block
/// storage clients are written concurrently by others) and always cleaned up.
/// </summary>
internal static class ComputeTestKit
{
    public static WaitOptions Fast => new() { PollInterval = TimeSpan.FromMilliseconds(750), Timeout = TimeSpan.FromMinutes(3) };

    public static string Name(string what) => "sdk-test-" + what + "-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>The devcloud's bootstrap image, else any active public image.</summary>
    public static async Task<string> ImageIdAsync(OpenStackClient cloud)
    {
        string? any = null;
        await foreach (var image in cloud.Image.Images.ListAsync(new ImageListOptions { Status = "active" }))
        {
            if (image.Name == "devcloud-image") return image.Id!;
            if (image.Visibility == ImageVisibility.Public && !(image.Name ?? "").StartsWith("sdk-test", StringComparison.Ordinal)) any ??= image.Id;
        }
        return any ?? throw new InvalidOperationException("The cloud has no active image to boot from.");
    }

    /// <summary>The two smallest flavors by RAM (resize goes from the first to the second).</summary>
    public static async Task<(string Small, string Bigger)> FlavorIdsAsync(OpenStackClient cloud)
    {
        var doc = JsonNode.Parse(await cloud.Compute.Http.GetStringAsync("flavors/detail"))!;
        // Others' tests create flavors concurrently: only the cloud's own public ones are used.
        var flavors = doc["flavors"]!.AsArray()
            .Where(f => !((string?)f!["name"] ?? "").StartsWith("sdk-test", StringComparison.Ordinal)
                        && (bool?)f["os-flavor-access:is_public"] != false && (int)f["disk"]! < 1000)
            .Select(f => (Id: (string)f!["id"]!, Ram: (int)f["ram"]!, Disk: (int)f["disk"]!))
            .OrderBy(f => f.Ram).ThenBy(f => f.Disk).ToList();
        if (flavors.Count < 2) throw new InvalidOperationException("The cloud needs two flavors.");
        return (flavors[0].Id, flavors[1].Id);
    }

    public static async Task<string> RawAsync(HttpClient http, HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>
    /// Deletes a server and waits until it is gone. The devcloud runs on SQLite, which answers "database is locked"
    /// under concurrent load: a 500 on the request, or a deletion that leaves the server in ERROR, is retried.
    /// </summary>
    public static async Task DeleteServerAsync(OpenStackClient cloud, string id)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await cloud.Compute.Servers.DeleteAsync(id);
                await cloud.Compute.Servers.WaitForDeleteAsync(id, new WaitOptions { PollInterval = TimeSpan.FromMilliseconds(750), Timeout = TimeSpan.FromSeconds(45) });
                return;
            }
            catch (OpenStackException e) when (e.Status == 404) { return; }
            catch (Exception e) when (attempt < 4 && e is OpenStackException { Status: >= 500 } or TimeoutException) { await Task.Delay(1000 * attempt); }
        }
    }

    /// <summary>
    /// Creates a server and waits for ACTIVE; a build that fails for the devcloud's own reasons (SQLite locked under
    /// load: ERROR) is deleted and tried once more. Tests of create itself call CreateAsync directly.
    /// </summary>
    public static async Task<Server> BootAsync(OpenStackClient cloud, ServerCreateOptions options, OpenStackClient? via = null)
    {
        var client = (via ?? cloud).Compute.Servers;
        for (var attempt = 1; ; attempt++)
        {
            var created = await client.CreateAsync(options);
            try
            {
                return await client.WaitForStatusAsync(created.Id!, "ACTIVE", Fast);
            }
            catch (ResourceStatusException) when (attempt < 2)
            {
                await DeleteServerAsync(cloud, created.Id!);
            }
            catch
            {
                await DeleteServerAsync(cloud, created.Id!);
                throw;
            }
        }
    }

    /// <summary>Runs a cleanup step, retrying a few times; cleanup must not hide the test's own failure.</summary>
    public static async Task Quietly(Func<Task> cleanup)
    {
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            try { await cleanup(); return; }
            catch (OpenStackException e) when (e.Status == 404) { return; }
            catch (Exception) when (attempt < 5) { await Task.Delay(1000 * attempt); }
            catch (Exception) { return; }
        }
    }
}

/// <summary>A Neutron network with one IPv4 subnet, made with raw HTTP and deleted on dispose.</summary>
internal sealed class TempNetwork : IAsyncDisposable
{
    private readonly OpenStackClient _cloud;

    private TempNetwork(OpenStackClient cloud, string id, string name) { _cloud = cloud; Id = id; Name = name; }

    public string Id { get; }
    public string Name { get; }

    public static async Task<TempNetwork> CreateAsync(OpenStackClient cloud)
    {
        var http = cloud.Network.Http;
        var name = ComputeTestKit.Name("net");
        var created = await http.PostAsync("networks", Json(new JsonObject { ["network"] = new JsonObject { ["name"] = name } }));
        var id = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["network"]!["id"]!;
        var network = new TempNetwork(cloud, id, name);
        try
        {
            var cidr = $"10.{Random.Shared.Next(100, 250)}.{Random.Shared.Next(0, 255)}.0/24";
            (await http.PostAsync("subnets", Json(new JsonObject
            {
                ["subnet"] = new JsonObject { ["network_id"] = id, ["ip_version"] = 4, ["cidr"] = cidr, ["name"] = name },
            }))).Dispose();
        }
        catch
        {
            await network.DisposeAsync();
            throw;
        }
        return network;
    }

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    // Nova releases its ports asynchronously after a server is deleted: a 409 (ports in use) is retried.
    public async ValueTask DisposeAsync()
        => await ComputeTestKit.Quietly(async () => (await _cloud.Network.Http.DeleteAsync("networks/" + Id)).Dispose());
}

/// <summary>A 1 GiB Cinder volume, made with raw HTTP and deleted on dispose.</summary>
internal sealed class TempVolume : IAsyncDisposable
{
    private readonly OpenStackClient _cloud;

    private TempVolume(OpenStackClient cloud, string id) { _cloud = cloud; Id = id; }

    public string Id { get; }

    public static async Task<TempVolume> CreateAsync(OpenStackClient cloud)
    {
        using var response = await cloud.BlockStorage.Http.PostAsync("volumes", new StringContent(
            new JsonObject { ["volume"] = new JsonObject { ["size"] = 1, ["name"] = ComputeTestKit.Name("vol") } }.ToJsonString(),
            Encoding.UTF8, "application/json"));
        var volume = new TempVolume(cloud, (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["volume"]!["id"]!);
        await volume.WaitForStatusAsync("available");
        return volume;
    }

    public async Task<string?> StatusAsync()
        => (string?)JsonNode.Parse(await _cloud.BlockStorage.Http.GetStringAsync("volumes/" + Id))!["volume"]!["status"];

    public Task WaitForStatusAsync(string status)
        => StatusWaiter.WaitForStatusAsync("volume " + Id, _ => StatusAsync(), s => s, null, new[] { status }, new[] { "error" },
            ComputeTestKit.Fast, null, default);

    public async ValueTask DisposeAsync()
        => await ComputeTestKit.Quietly(async () => (await _cloud.BlockStorage.Http.DeleteAsync("volumes/" + Id)).Dispose());
}
