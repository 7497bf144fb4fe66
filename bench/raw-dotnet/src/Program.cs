using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

// The no-SDK .NET floor for the perf-anchors harness (`client WORKLOAD AUTH_URL`): what a program that talks to
// Keystone and Nova with HttpClient and System.Text.Json alone costs, done the way raw-go does it (one shared client,
// the token header set per request, the body decoded while it streams into a typed server with raw-go's fields).
// W0 to W4; W5 exits 3. W2 and W3 also give the list-size (peak RSS) floor of .NET itself.
namespace OpenStack.RawDotnet;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var workload = args.Length > 0 ? args[0] : "";
        switch (workload)
        {
            case "version":
                Console.WriteLine($"raw-dotnet: HttpClient + System.Text.Json (source-generated), {RuntimeInformation.FrameworkDescription} ({(System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported ? "JIT, ReadyToRun" : "Native AOT")})");
                return 0;
            case "W0":
                Console.WriteLine(0);
                return 0;
            case "W1":
            case "W2":
            case "W3":
            case "W4":
                break;
            default:
                return 3;
        }

        using var http = new HttpClient();
        var (token, endpoint) = await AuthenticateAsync(http, args[1], workload == "W2" ? "image" : "compute").ConfigureAwait(false);
        var page = Setting("BENCH_PAGE_SIZE", 100);
        if (workload == "W2")
        {
            Console.WriteLine(await CountImagesAsync(http, endpoint, page, token).ConfigureAwait(false));
            return 0;
        }

        if (workload == "W3")
        {
            Console.WriteLine(await CountServersAsync(http, endpoint, page, token).ConfigureAwait(false));
            return 0;
        }

        var compute = endpoint;
        var id = Environment.GetEnvironmentVariable("BENCH_SERVER_ID") ?? "";
        var url = new Uri(compute + "/servers/" + id);
        var matched = 0;
        if (workload == "W1")
        {
            var n = Setting("BENCH_W1_N", 2000);
            for (var i = 0; i < n; i++)
            {
                if (await GetServerIdAsync(http, url, token).ConfigureAwait(false) == id) matched++;
            }
        }
        else
        {
            var n = Setting("BENCH_W4_N", 200);
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, Setting("BENCH_W4_WORKERS", 8)).Select(async _ =>
            {
                while (Interlocked.Increment(ref next) < n)
                {
                    if (await GetServerIdAsync(http, url, token).ConfigureAwait(false) == id) Interlocked.Increment(ref matched);
                }
            })).ConfigureAwait(false);
        }

        Console.WriteLine(matched);
        return 0;
    }

    private static async Task<string?> GetServerIdAsync(HttpClient http, Uri url, string token)
        => (await GetAsync(http, url, token, RawJson.Default.ServerEnvelope).ConfigureAwait(false))?.Server?.Id;

    // Glance's `next` is a path (/v2/images?...) under the endpoint, as raw-go follows it.
    private static Task<int> CountImagesAsync(HttpClient http, string image, int page, string token)
        => CountAsync(http, token, image + "/v2/images?limit=" + page, RawListJson.Default.ImagePage,
            p => p.Images?.Select(i => i.Id), p => string.IsNullOrEmpty(p.Next) ? null : image + p.Next);

    private static Task<int> CountServersAsync(HttpClient http, string compute, int page, string token)
        => CountAsync(http, token, compute + "/servers/detail?limit=" + page, RawListJson.Default.ServerPage,
            p => p.Servers?.Select(s => s.Id), p => p.Links?.LastOrDefault(l => l.Rel == "next")?.Href);

    // Follows a listing page by page and counts the items that have an id.
    private static async Task<int> CountAsync<TPage>(HttpClient http, string token, string first,
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<TPage> typeInfo, Func<TPage, IEnumerable<string?>?> ids, Func<TPage, string?> next)
        where TPage : class
    {
        var count = 0;
        for (string? url = first; url is not null;)
        {
            var p = await GetAsync(http, new Uri(url), token, typeInfo).ConfigureAwait(false);
            count += ids(p!)?.Count(id => !string.IsNullOrEmpty(id)) ?? 0;
            url = next(p!);
        }

        return count;
    }

    // One GET as raw-go does it: the token and Accept headers, the body decoded while it streams in.
    private static async Task<T?> GetAsync<T>(HttpClient http, Uri url, string token, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("X-Auth-Token", token);
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        return await JsonSerializer.DeserializeAsync(body, typeInfo).ConfigureAwait(false);
    }

    private static async Task<(string Token, string Endpoint)> AuthenticateAsync(HttpClient http, string authUrl, string serviceType)
    {
        static string Env(string name, string fallback) => Environment.GetEnvironmentVariable(name) ?? fallback;
        var region = Env("OS_REGION_NAME", "RegionOne");
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject(); w.WriteStartObject("auth"); w.WriteStartObject("identity");
            w.WriteStartArray("methods"); w.WriteStringValue("password"); w.WriteEndArray();
            w.WriteStartObject("password"); w.WriteStartObject("user");
            w.WriteString("name", Env("OS_USERNAME", "bench")); w.WriteString("password", Env("OS_PASSWORD", "bench-secret"));
            w.WriteStartObject("domain"); w.WriteString("name", Env("OS_USER_DOMAIN_NAME", "Default")); w.WriteEndObject();
            w.WriteEndObject(); w.WriteEndObject(); w.WriteEndObject();
            w.WriteStartObject("scope"); w.WriteStartObject("project"); w.WriteString("name", Env("OS_PROJECT_NAME", "bench"));
            w.WriteStartObject("domain"); w.WriteString("name", Env("OS_PROJECT_DOMAIN_NAME", "Default")); w.WriteEndObject();
            w.WriteEndObject(); w.WriteEndObject(); w.WriteEndObject(); w.WriteEndObject();
        }

        using var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(authUrl.TrimEnd('/') + "/auth/tokens", content).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var token = response.Headers.GetValues("X-Subject-Token").First();
        using var doc = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync().ConfigureAwait(false)).ConfigureAwait(false);
        foreach (var service in doc.RootElement.GetProperty("token").GetProperty("catalog").EnumerateArray())
        {
            if (service.GetProperty("type").GetString() != serviceType) continue;
            foreach (var e in service.GetProperty("endpoints").EnumerateArray())
            {
                var inRegion = (e.TryGetProperty("region", out var r) && r.GetString() == region)
                    || (e.TryGetProperty("region_id", out var rid) && rid.GetString() == region);
                if (e.GetProperty("interface").GetString() == "public" && inRegion) return (token, e.GetProperty("url").GetString()!.TrimEnd('/'));
            }
        }

        throw new InvalidDataException($"no public {serviceType} endpoint in the catalog");
    }

    private static int Setting(string name, int fallback)
        => int.TryParse(Environment.GetEnvironmentVariable(name), out var n) ? n : fallback;
}
