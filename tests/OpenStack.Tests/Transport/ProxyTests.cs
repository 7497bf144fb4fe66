using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OpenStack.Http;
using Xunit;

namespace OpenStack.Tests.Transport;

/// <summary>
/// The SDK leaves the proxy to <see cref="System.Net.Http.HttpClient.DefaultProxy"/>, which .NET builds
/// from the proxy variables once per process, the first time it is needed. A test cannot set those
/// variables in this process before that happens (other tests send requests first), and setting
/// them here would reroute every test running in parallel, so each scenario runs in a child process
/// started with exactly the variables it needs, through the same TransportFactory the SDK uses.
/// </summary>
public sealed class ProxyTests
{
    private const string ProxiedHttp = "http://keystone.proxy-probe.invalid:5000/v3";
    private const string ProxiedHttps = "https://keystone.proxy-probe.invalid/v3";
    private const string ProxyBody = """{"via": "proxy"}""";
    private const string DirectBody = """{"via": "direct"}""";

    private static readonly string[] ProxyVariables = ["http_proxy", "https_proxy", "all_proxy", "no_proxy", "GATEWAY_INTERFACE"];

    [Fact]
    public async Task Http_and_https_proxy_variables_route_requests_through_the_proxy_and_no_proxy_bypasses_it()
    {
        await using LoopbackServer proxy = LoopbackServer.Http(Proxy);
        await using LoopbackServer direct = LoopbackServer.Http(_ => WireResponse.Json(200, DirectBody));
        string bypassed = new Uri(direct.BaseAddress, "v3").ToString();

        string[] results = await RunProbeAsync(
            new Dictionary<string, string>
            {
                ["http_proxy"] = ProxyAddress(proxy),
                ["HTTPS_PROXY"] = ProxyAddress(proxy),
                ["no_proxy"] = "127.0.0.1",
            },
            ProxiedHttp, ProxiedHttps, bypassed);

        Assert.Equal(3, results.Length);
        Assert.Equal($"{ProxiedHttp} 200 {ProxyBody}", results[0]);
        Assert.StartsWith($"{ProxiedHttps} error HttpRequestException", results[1], StringComparison.Ordinal);
        Assert.Equal($"{bypassed} 200 {DirectBody}", results[2]);
        Assert.Equal(
            ["GET " + ProxiedHttp, "CONNECT keystone.proxy-probe.invalid:443"],
            proxy.Requests.Select(r => r.Method + " " + r.Target));
        Assert.Equal("keystone.proxy-probe.invalid:5000", proxy.Requests.First().Header("Host"));
        Assert.Equal("GET /v3", direct.Requests.Select(r => r.Method + " " + r.Target).Single());
    }

    [Fact]
    public async Task All_proxy_applies_when_no_scheme_specific_variable_is_set()
    {
        await using LoopbackServer proxy = LoopbackServer.Http(Proxy);

        string[] results = await RunProbeAsync(new Dictionary<string, string> { ["all_proxy"] = ProxyAddress(proxy) }, ProxiedHttp);

        Assert.Equal([$"{ProxiedHttp} 200 {ProxyBody}"], results);
        Assert.Equal("GET " + ProxiedHttp, proxy.Requests.Select(r => r.Method + " " + r.Target).Single());
    }

    [Fact]
    public async Task Proxy_credentials_in_the_variable_never_appear_in_errors()
    {
        const string Password = "proxy-SECRET-pw";
        await using LoopbackServer proxy = LoopbackServer.Http(Proxy);
        string withCredentials = $"http://alice:{Password}@{proxy.BaseAddress.Authority}";

        string[] results = await RunProbeAsync(new Dictionary<string, string> { ["https_proxy"] = withCredentials }, ProxiedHttps);

        string result = Assert.Single(results);
        Assert.StartsWith($"{ProxiedHttps} error HttpRequestException", result, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, result, StringComparison.Ordinal);
        Assert.Contains($"http://***@{proxy.BaseAddress.Authority}", result, StringComparison.Ordinal);
        Assert.Equal("CONNECT keystone.proxy-probe.invalid:443", proxy.Requests.Select(r => r.Method + " " + r.Target).Single());
    }

    [Theory]
    [InlineData("The proxy tunnel request to proxy 'http://alice:pw@proxy.example:3128/' failed with status code '407'.",
                "The proxy tunnel request to proxy 'http://***@proxy.example:3128/' failed with status code '407'.")]
    [InlineData("via socks5://token-only@10.0.0.1:1080 and https://bob:x@y.example/path@z",
                "via socks5://***@10.0.0.1:1080 and https://***@y.example/path@z")]
    [InlineData("Connection refused (127.0.0.1:3128)", "Connection refused (127.0.0.1:3128)")]
    [InlineData("user@example.com wrote http://host/a@b", "user@example.com wrote http://host/a@b")]
    public void Credentials_in_URLs_are_redacted_from_transport_errors(string message, string expected)
    {
        Assert.Equal(expected, TransportFactory.RedactUserInfo(message));
    }

    // A forward proxy answers absolute-form requests itself; tunnels are refused, which is enough to see they were asked for.
    private static WireResponse Proxy(WireRequest request) =>
        request.Method == "CONNECT" ? WireResponse.Json(403, "{}") : WireResponse.Json(200, ProxyBody);

    private static string ProxyAddress(LoopbackServer proxy) => proxy.BaseAddress.ToString().TrimEnd('/');

    private static async Task<string[]> RunProbeAsync(IReadOnlyDictionary<string, string> variables, params string[] urls)
    {
        string assembly = typeof(ProxyProbe).Assembly.Location;
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        foreach (string name in start.Environment.Keys.Where(IsProxyVariable).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_STARTUP_HOOKS"] = assembly;
        start.Environment[ProxyProbe.UrlsVariable] = string.Join(' ', urls);
        foreach ((string name, string value) in variables)
        {
            start.Environment[name] = value;
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90)))
        {
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("The proxy probe did not finish within 90 s: " + await stderr);
            }
        }

        string output = await stdout;
        Assert.True(process.ExitCode == 0, $"probe exited with {process.ExitCode}: {output} {await stderr}");
        return output.Split('\n')
            .Where(line => line.StartsWith(ProxyProbe.ResultPrefix, StringComparison.Ordinal))
            .Select(line => line[ProxyProbe.ResultPrefix.Length..].TrimEnd('\r'))
            .ToArray();
    }

    private static bool IsProxyVariable(string name) =>
        ProxyVariables.Contains(name, StringComparer.OrdinalIgnoreCase);

    // dotnet test exports DOTNET_HOST_PATH; otherwise the host sits three levels above the shared runtime.
    private static string DotnetHost()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        string beside = Path.GetFullPath(Path.Combine(
            System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet"));
        return File.Exists(beside) ? beside : "dotnet";
    }
}
