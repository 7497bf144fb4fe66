using System;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using OpenStack;
using OpenStack.Compute.V2;
using OpenStack.Image.V2;

// Client for the perf-anchors harness (its README has the contract): `client WORKLOAD AUTH_URL`.
// Written with the SDK's public API as a user would write it, with default settings:
// options from the OS_* environment the harness sets, the auth URL from argv[2].
namespace OpenStack.PerfClient;

internal static class Program
{
    private const int Unsupported = 3;

    private static async Task<int> Main(string[] args)
    {
        var workload = args.Length > 0 ? args[0] : "";
        switch (workload)
        {
            case "version":
                Console.WriteLine(VersionLine());
                return 0;
            case "W0":
                return TouchTypes();
            case "W1":
                return await GetServerRepeatedlyAsync(args).ConfigureAwait(false);
            case "W2":
                return await ListImagesAsync(args).ConfigureAwait(false);
            case "W3":
                return await ListServersAsync(args).ConfigureAwait(false);
            case "W4":
                return await GetServerConcurrentlyAsync(args).ConfigureAwait(false);
            case "W5":
                return await ListNetworksAsync(args).ConfigureAwait(false);
            case "runtime-start":
                // Not a harness workload: the `baselines` row written by ../build. Returns before any SDK
                // type is touched, so W0 minus this row is what loading the SDK costs. It prints as W0 does.
                Console.WriteLine(0);
                return 0;
            default:
                return Unsupported;
        }
    }

    // W0: load the SDK without I/O. Building options and a list query touches the core and generated assemblies.
    private static int TouchTypes()
    {
        var options = new OpenStackClientOptions { AuthUrl = new Uri("http://127.0.0.1/v3") };
        var list = new ImageListOptions { Limit = 100 };
        GC.KeepAlive(options);
        GC.KeepAlive(list);
        Console.WriteLine(0);
        return 0;
    }

    // W1: authenticate, then GET one server BENCH_W1_N times in sequence.
    private static async Task<int> GetServerRepeatedlyAsync(string[] args)
    {
        var id = Environment.GetEnvironmentVariable("BENCH_SERVER_ID") ?? "";
        var n = Setting("BENCH_W1_N", 2000);
        using var cloud = await ConnectAsync(args).ConfigureAwait(false);
        var matched = 0;
        for (var i = 0; i < n; i++)
        {
            var server = await cloud.Compute.Servers.GetAsync(id).ConfigureAwait(false);
            if (server.Id == id) matched++;
        }

        Console.WriteLine(matched);
        return 0;
    }

    // W3: authenticate, then page through every server (servers/detail, limit=BENCH_PAGE_SIZE, servers_links).
    private static async Task<int> ListServersAsync(string[] args)
    {
        using var cloud = await ConnectAsync(args).ConfigureAwait(false);
        var count = 0;
        await foreach (var server in cloud.Compute.Servers.ListAsync(new ServerListOptions { Limit = Setting("BENCH_PAGE_SIZE", 100) }).ConfigureAwait(false))
        {
            if (server.Id is not null) count++;
        }

        Console.WriteLine(count);
        return 0;
    }

    // W4: authenticate, then BENCH_W4_N GETs of one server from BENCH_W4_WORKERS workers sharing the client.
    private static async Task<int> GetServerConcurrentlyAsync(string[] args)
    {
        var id = Environment.GetEnvironmentVariable("BENCH_SERVER_ID") ?? "";
        var n = Setting("BENCH_W4_N", 200);
        var workers = Setting("BENCH_W4_WORKERS", 8);
        using var cloud = await ConnectAsync(args).ConfigureAwait(false);
        var next = -1;
        var matched = 0;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            while (System.Threading.Interlocked.Increment(ref next) < n)
            {
                var server = await cloud.Compute.Servers.GetAsync(id).ConfigureAwait(false);
                if (server.Id == id) System.Threading.Interlocked.Increment(ref matched);
            }
        })).ConfigureAwait(false);

        Console.WriteLine(matched);
        return 0;
    }

    // W5: authenticate, then list networks once (the cold first call of a second service).
    private static async Task<int> ListNetworksAsync(string[] args)
    {
        using var cloud = await ConnectAsync(args).ConfigureAwait(false);
        var count = 0;
        await foreach (var network in cloud.Network.Networks.ListAsync().ConfigureAwait(false))
        {
            if (network.Id is not null) count++;
        }

        Console.WriteLine(count);
        return 0;
    }

    private static async Task<OpenStackClient> ConnectAsync(string[] args)
    {
        var options = OpenStackClientOptions.FromEnvironment();
        if (args.Length > 1) options.AuthUrl = new Uri(args[1]);
        return await OpenStackClient.ConnectAsync(options).ConfigureAwait(false);
    }

    private static int Setting(string name, int fallback)
        => int.TryParse(Environment.GetEnvironmentVariable(name), out var n) ? n : fallback;

    // W2: authenticate, then page through every image (limit=BENCH_PAGE_SIZE, Glance's `next` links).
    private static async Task<int> ListImagesAsync(string[] args)
    {
        var pageSize = Setting("BENCH_PAGE_SIZE", 100);
        using var cloud = await ConnectAsync(args).ConfigureAwait(false);
        var count = 0;
        await foreach (var image in cloud.Image.Images.ListAsync(new ImageListOptions { Limit = pageSize }).ConfigureAwait(false))
        {
            if (image.Id is not null) count++;
        }

        Console.WriteLine(count);
        return 0;
    }

    private static string VersionLine()
    {
        var sdk = typeof(OpenStackClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        var mode = RuntimeFeature.IsDynamicCodeSupported ? "JIT" : "Native AOT";
        return $"OpenStack SDK for .NET {sdk}; {RuntimeInformation.FrameworkDescription} ({mode}, {RuntimeInformation.RuntimeIdentifier})";
    }
}
