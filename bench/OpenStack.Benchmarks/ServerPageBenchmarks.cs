using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using OpenStack.Compute.V2;

namespace OpenStack.Benchmarks;

/// <summary>
/// Nova's servers/detail (harness W3): decoding one page of 100 servers, and one paging step (two pages, the
/// second reached through servers_links). The servers are the nova-server.json body with distinct ids.
/// </summary>
[MemoryDiagnoser]
public class ServerPageBenchmarks
{
    private const string Endpoint = "http://127.0.0.1:8774/v2.1/";
    private byte[] _first = Array.Empty<byte>();
    private byte[] _last = Array.Empty<byte>();
    private HttpClient _http = null!;
    private ServersClient _servers = null!;
    private readonly ServerListOptions _options = new() { Limit = 100 };

    [GlobalSetup]
    public void Setup()
    {
        _first = Page(100, seed: 0, next: Endpoint + "servers/detail?limit=100&marker=m1");
        _last = Page(100, seed: 100, next: null);
        var transport = new InProcessTransport
        {
            Respond = r => InProcessTransport.Json(r.RequestUri!.Query.Contains("marker=", StringComparison.Ordinal) ? _last : _first),
        };
        _http = new HttpClient(transport) { BaseAddress = new Uri(Endpoint) };
        _servers = new ServersClient(_http);
    }

    [GlobalCleanup]
    public void Cleanup() => _http.Dispose();

    [Benchmark(Description = "Deserialize a servers/detail page (100 servers, ComputeServersJsonContext.ServerListPage)")]
    public int DeserializePage() => JsonSerializer.Deserialize(_first, ComputeServersJsonContext.Default.ServerListPage)!.Items!.Count;

    [Benchmark(Description = "ListAsync: 2 pages x 100 servers through servers_links, in-process handler (no auth)")]
    public async Task<int> ListTwoPages()
    {
        int n = 0;
        await foreach (Server server in _servers.ListAsync(_options).ConfigureAwait(false)) n++;
        return n;
    }

    private static byte[] Page(int count, int seed, string? next)
    {
        JsonNode server = JsonNode.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "nova-server.json")))!["server"]!;
        var items = new JsonArray();
        for (int i = 0; i < count; i++)
        {
            JsonNode copy = server.DeepClone();
            copy["id"] = $"{seed + i:x8}-5a4b-4c3d-8e2f-{(seed + i) * 7919:x12}";
            copy["name"] = $"bench-vm-{seed + i:d5}";
            items.Add(copy);
        }

        var page = new JsonObject { ["servers"] = items };
        if (next is not null) page["servers_links"] = new JsonArray(new JsonObject { ["rel"] = "next", ["href"] = next });
        return Encoding.UTF8.GetBytes(page.ToJsonString());
    }
}
