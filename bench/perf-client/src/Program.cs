using System;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using OpenStack;
using OpenStack.Image.V2;

// Client for the perf-anchors harness (its README has the contract): `client WORKLOAD AUTH_URL`.
// Written with the SDK's public API as a user would write it, with default settings:
// options from the OS_* environment the harness sets, the auth URL from argv[2].
// W1, W3, W4 and W5 need compute servers and networks, which the SDK does not have yet: exit 3.
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
            case "W2":
                return await ListImagesAsync(args).ConfigureAwait(false);
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

    // W2: authenticate, then page through every image (limit=BENCH_PAGE_SIZE, Glance's `next` links).
    private static async Task<int> ListImagesAsync(string[] args)
    {
        var options = OpenStackClientOptions.FromEnvironment();
        if (args.Length > 1) options.AuthUrl = new Uri(args[1]);
        var pageSize = int.TryParse(Environment.GetEnvironmentVariable("BENCH_PAGE_SIZE"), out var n) ? n : 100;

        using var cloud = await OpenStackClient.ConnectAsync(options).ConfigureAwait(false);
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
