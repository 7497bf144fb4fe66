using System;
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
// W0, W1 and W4 only: they are where the SDK's per-request cost is compared. Other workloads exit 3.
namespace OpenStack.RawDotnet;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var workload = args.Length > 0 ? args[0] : "";
        switch (workload)
        {
            case "version":
                Console.WriteLine($"raw-dotnet: HttpClient + System.Text.Json (source-generated), {RuntimeInformation.FrameworkDescription} (Native AOT)");
                return 0;
            case "W0":
                Console.WriteLine(0);
                return 0;
            case "W1":
            case "W4":
                break;
            default:
                return 3;
        }

        using var http = new HttpClient();
        var (token, compute) = await AuthenticateAsync(http, args[1]).ConfigureAwait(false);
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
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("X-Auth-Token", token);
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        var envelope = await JsonSerializer.DeserializeAsync(body, RawJson.Default.ServerEnvelope).ConfigureAwait(false);
        return envelope?.Server?.Id;
    }

    private static async Task<(string Token, string Compute)> AuthenticateAsync(HttpClient http, string authUrl)
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
            if (service.GetProperty("type").GetString() != "compute") continue;
            foreach (var e in service.GetProperty("endpoints").EnumerateArray())
            {
                var inRegion = (e.TryGetProperty("region", out var r) && r.GetString() == region)
                    || (e.TryGetProperty("region_id", out var rid) && rid.GetString() == region);
                if (e.GetProperty("interface").GetString() == "public" && inRegion) return (token, e.GetProperty("url").GetString()!.TrimEnd('/'));
            }
        }

        throw new InvalidDataException("no public compute endpoint in the catalog");
    }

    private static int Setting(string name, int fallback)
        => int.TryParse(Environment.GetEnvironmentVariable(name), out var n) ? n : fallback;
}
