using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using OpenStack.Network.V2;
using Xunit;

namespace OpenStack.Tests.Network.V2;

/// <summary>Helpers shared by the Neutron integration tests: unique names, unique CIDRs, cleanup, list collection.</summary>
internal static class NetworkTestKit
{
    private static readonly Random Rng = new();

    /// <summary>"sdk-test-&lt;what&gt;-&lt;12 hex&gt;": never collides with other engineers' resources.</summary>
    public static string Name(string what) => "sdk-test-" + what + "-" + Guid.NewGuid().ToString("N").Substring(0, 12);

    /// <summary>A random /24 under 10.0.0.0/8 (overlapping IPs are allowed, so a rare clash only matters inside one router).</summary>
    public static (string Cidr, string Prefix) Cidr24()
    {
        int a, b;
        lock (Rng) { a = Rng.Next(1, 250); b = Rng.Next(1, 250); }
        var prefix = $"10.{a}.{b}.";
        return (prefix + "0/24", prefix);
    }

    public static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items) list.Add(item);
        return list;
    }

    /// <summary>
    /// Runs a cleanup step in a finally block: a 404 means already gone; any other failure is written to the test
    /// output instead of thrown, so it never hides the failure that sent the test into its finally block.
    /// </summary>
    public static async Task Quietly(Func<Task> cleanup)
    {
        try { await cleanup(); }
        catch (OpenStackException e) when (e.Status == 404) { }
        catch (OpenStackException e) { Console.Error.WriteLine("cleanup failed: " + e.Message); }
    }

    /// <summary>Asserts a call fails with a Neutron 404 that carries a request id and Neutron's own message.</summary>
    public static async Task<OpenStackException> AssertNotFound(Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<OpenStackException>(call);
        Assert.Equal(404, error.Status);
        Assert.False(string.IsNullOrEmpty(error.RequestId), "Neutron sends X-Openstack-Request-Id");
        Assert.False(string.IsNullOrEmpty(error.ServerMessage), "Neutron's NeutronError.message is parsed");
        return error;
    }
}
