using System;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using OpenStack.Auth;
using OpenStack.Http;
using OpenStack.Image.V2;
using Refit;

namespace OpenStack.Benchmarks;

/// <summary>Deserializing one Glance list page of 100 images (~1 KB, 32 keys each, 8 of them unknown to the spec).</summary>
[MemoryDiagnoser]
public class DeserializeBenchmarks
{
    private byte[] _page = Array.Empty<byte>();

    [GlobalSetup]
    public void Setup() => _page = Fixtures.ImagePage(100, "/v2/images?limit=100&marker=x");

    [Benchmark(Description = "Deserialize Glance page (100 images, generated context)")]
    public int DeserializeImagePage()
    {
        ImageListPage page = JsonSerializer.Deserialize(_page, ImageImagesJsonContext.Default.ImageListPage)!;
        return page.Items!.Count;
    }
}

/// <summary>Turning ImageListOptions with several filters into a query string.</summary>
[MemoryDiagnoser]
public class QueryStringBenchmarks
{
    private readonly ImageListOptionsQuery _converter = new();
    private readonly RefitSettings _settings = new();
    private readonly ImageListOptions _options = new()
    {
        Name = "debian-12",
        Status = "active",
        Visibility = ImageListOptionsVisibility.Public,
        Tag = ["prod", "db"],
        SizeMin = 1048576,
        SortKey = "created_at",
        SortDir = ImageListOptionsSortDir.Desc,
        Limit = 100,
        Marker = "00000063-1b2c-4d3e-8f90-0000000bd7ad",
    };

    private ImagesClient _client = null!;
    private HttpClient _http = null!;

    [GlobalSetup]
    public void Setup()
    {
        byte[] empty = Fixtures.ImagePage(0, null);
        var transport = new InProcessTransport { Respond = _ => InProcessTransport.Json(empty) };
        _http = new HttpClient(transport) { BaseAddress = new Uri(Fixtures.ImageEndpoint + "/v2/") };
        _client = new ImagesClient(_http);
    }

    [GlobalCleanup]
    public void Cleanup() => _http.Dispose();

    [Benchmark(Description = "Query string: ImageListOptionsQuery via GeneratedQueryStringBuilder (9 filters)")]
    public string BuildQueryString()
    {
        var builder = new GeneratedQueryStringBuilder("images");
        _converter.Flatten(_options, "", ref builder, _settings);
        return builder.Build();
    }

    [Benchmark(Description = "ListAsync first-page request with those filters, empty page back (no auth)")]
    public async Task<int> ListFirstPageEmpty()
    {
        int n = 0;
        await foreach (global::OpenStack.Image.V2.Image image in _client.ListAsync(_options).ConfigureAwait(false)) n++;
        return n;
    }
}

/// <summary>Paging: ListAsync over an in-process handler, two pages of 100 images (first via Refit, second via the next link).</summary>
[MemoryDiagnoser]
public class PagingBenchmarks
{
    private byte[] _first = Array.Empty<byte>();
    private byte[] _last = Array.Empty<byte>();
    private ImagesClient _client = null!;
    private HttpClient _http = null!;
    private readonly ImageListOptions _options = new() { Limit = 100 };

    [GlobalSetup]
    public void Setup()
    {
        _first = Fixtures.ImagePage(100, "/v2/images?limit=100&marker=m1");
        _last = Fixtures.ImagePage(100, null, seed: 100);
        var transport = new InProcessTransport
        {
            Respond = r => InProcessTransport.Json(r.RequestUri!.Query.Contains("marker=", StringComparison.Ordinal) ? _last : _first),
        };
        _http = new HttpClient(transport) { BaseAddress = new Uri(Fixtures.ImageEndpoint + "/v2/") };
        _client = new ImagesClient(_http);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _http.Dispose();
        _onePageHttp?.Dispose();
    }

    private ImagesClient _onePageClient = null!;
    private HttpClient? _onePageHttp;

    [GlobalSetup(Target = nameof(ListOnePage))]
    public void SetupOnePage()
    {
        Setup();
        var transport = new InProcessTransport { Respond = _ => InProcessTransport.Json(_last) };
        _onePageHttp = new HttpClient(transport) { BaseAddress = new Uri(Fixtures.ImageEndpoint + "/v2/") };
        _onePageClient = new ImagesClient(_onePageHttp);
    }

    [Benchmark(Description = "ListAsync: 1 page x 100 images, no next link (first-page path only)")]
    public async Task<int> ListOnePage()
    {
        int n = 0;
        await foreach (global::OpenStack.Image.V2.Image image in _onePageClient.ListAsync(_options).ConfigureAwait(false)) n++;
        return n;
    }

    [Benchmark(Description = "ListAsync: 2 pages x 100 images, in-process handler (no auth)")]
    public async Task<int> ListTwoPages()
    {
        int n = 0;
        await foreach (global::OpenStack.Image.V2.Image image in _client.ListAsync(_options).ConfigureAwait(false)) n++;
        return n;
    }
}

/// <summary>The auth handler path: a GET through the connection's pipeline (errors, auth, transport) with a cached token.</summary>
[MemoryDiagnoser]
public class AuthPipelineBenchmarks
{
    private static readonly byte[] Body = "{}"u8.ToArray();
    private OpenStackConnection _connection = null!;
    private HttpClient _pipelined = null!;
    private HttpClient _bare = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        var transport = new InProcessTransport { Respond = _ => InProcessTransport.Json(Body) };
        _connection = await OpenStackConnection.ConnectAsync(Fixtures.Options(transport)).ConfigureAwait(false);
        _pipelined = _connection.CreateHttpClient(new Uri(Fixtures.ImageEndpoint + "/v2/"));
        _bare = new HttpClient(transport, disposeHandler: false) { BaseAddress = new Uri(Fixtures.ImageEndpoint + "/v2/") };
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _pipelined.Dispose();
        _bare.Dispose();
        _connection.Dispose();
    }

    [Benchmark(Baseline = true, Description = "GET, bare HttpClient over the same in-process transport")]
    public async Task<long> BareGet()
    {
        using HttpResponseMessage response = await _bare.GetAsync("images/abc").ConfigureAwait(false);
        return response.Content.Headers.ContentLength ?? 0;
    }

    [Benchmark(Description = "GET through OpenStackConnection pipeline, cached token")]
    public async Task<long> AuthenticatedGet()
    {
        using HttpResponseMessage response = await _pipelined.GetAsync("images/abc").ConfigureAwait(false);
        return response.Content.Headers.ContentLength ?? 0;
    }

    [Benchmark(Description = "OpenStackConnection.GetTokenAsync, cached token")]
    public Task<AuthToken> GetCachedToken() => _connection.GetTokenAsync();
}

/// <summary>
/// A typed GET of one resource through the connection's pipeline (cached token): the generated client's
/// streaming path against the Refit interface method it used before, which buffers the body first.
/// </summary>
[MemoryDiagnoser]
public class TypedGetBenchmarks
{
    private OpenStackConnection _connection = null!;
    private HttpClient _http = null!;
    private ImagesClient _client = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        byte[] body = Fixtures.Image(7);
        var transport = new InProcessTransport { Respond = _ => InProcessTransport.Json(body) };
        _connection = await OpenStackConnection.ConnectAsync(Fixtures.Options(transport)).ConfigureAwait(false);
        _http = _connection.CreateHttpClient(new Uri(Fixtures.ImageEndpoint + "/v2/"));
        _client = new ImagesClient(_http);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _http.Dispose();
        _connection.Dispose();
    }

    [Benchmark(Baseline = true, Description = "GET one image via the Refit interface (buffers the body)")]
    public async Task<string?> RefitGet() => (await RefitCall.Run(_client.Api.GetAsync("abc", CancellationToken.None)).ConfigureAwait(false)).Id;

    [Benchmark(Description = "ImagesClient.GetAsync (OpenStackHttp, streams the body)")]
    public async Task<string?> ClientGet() => (await _client.GetAsync("abc").ConfigureAwait(false)).Id;
}

/// <summary>
/// Where the SDK's per-GET cost over a no-SDK .NET client goes (harness W1): the same Nova server body decoded into
/// raw-go's model (what bench/raw-dotnet does) and into the SDK's Server, and the same GET through a bare
/// HttpClient + raw model against ServersClient.GetAsync through the connection's pipeline.
/// </summary>
[MemoryDiagnoser]
public class ServerGetBenchmarks
{
    private byte[] _body = Array.Empty<byte>();
    private OpenStackConnection _connection = null!;
    private HttpClient _pipelined = null!;
    private HttpClient _bare = null!;
    private OpenStack.Compute.V2.ServersClient _servers = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _body = System.IO.File.ReadAllBytes(System.IO.Path.Combine(AppContext.BaseDirectory, "nova-server.json"));
        var transport = new InProcessTransport { Respond = _ => InProcessTransport.Json(_body) };
        _connection = await OpenStackConnection.ConnectAsync(Fixtures.Options(transport)).ConfigureAwait(false);
        _pipelined = _connection.CreateHttpClient(new Uri("http://127.0.0.1:8774/v2.1/"));
        _servers = new OpenStack.Compute.V2.ServersClient(_pipelined);
        _bare = new HttpClient(transport, disposeHandler: false) { BaseAddress = new Uri("http://127.0.0.1:8774/v2.1/") };
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _pipelined.Dispose();
        _bare.Dispose();
        _connection.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Decode the server into raw-go's model (bench/raw-dotnet)")]
    public string? DecodeRaw() => JsonSerializer.Deserialize(_body, OpenStack.RawDotnet.RawJson.Default.ServerEnvelope)!.Server!.Id;

    [Benchmark(Description = "Decode the server into the SDK's Server (ComputeServersJsonContext.ServerEnvelope)")]
    public string? DecodeSdk() => JsonSerializer.Deserialize(_body, OpenStack.Compute.V2.ComputeServersJsonContext.Default.ServerEnvelope)!.Item!.Id;

    [Benchmark(Description = "GET: bare HttpClient, token header, streamed into raw-go's model")]
    public async Task<string?> GetRaw()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "servers/abc");
        request.Headers.TryAddWithoutValidation("X-Auth-Token", "token");
        using var response = await _bare.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        await using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        return (await JsonSerializer.DeserializeAsync(body, OpenStack.RawDotnet.RawJson.Default.ServerEnvelope).ConfigureAwait(false))!.Server!.Id;
    }

    [Benchmark(Description = "GET: ServersClient.GetAsync through the pipeline, cached token")]
    public async Task<string?> GetSdk() => (await _servers.GetAsync("abc").ConfigureAwait(false)).Id;
}
