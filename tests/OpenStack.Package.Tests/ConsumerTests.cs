using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using OpenStack.Tests.Transport;
using Xunit;
using Xunit.Abstractions;

namespace OpenStack.Package.Tests;

/// <summary>
/// The package as a user gets it: what is inside, two separate projects built against it from a folder feed (a vendor
/// overlay of the image service, a DNS service from its own spec files), and a spec error failing such a build at the
/// right file and line.
/// </summary>
[Collection(PackageCollection.Name)]
public class ConsumerTests
{
    private readonly PackageFixture _fixture;
    private readonly ITestOutputHelper _log;

    public ConsumerTests(PackageFixture fixture, ITestOutputHelper log)
    {
        _fixture = fixture;
        _log = log;
    }

    [Fact]
    public void The_package_holds_both_assemblies_the_generator_and_the_sdk_specs()
    {
        _fixture.AssertPacked();
        _log.WriteLine("dotnet pack: " + _fixture.PackTime.TotalSeconds.ToString("0.0") + " s");
        using var zip = ZipFile.OpenRead(_fixture.PackageFile);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
        foreach (var tfm in new[] { "net8.0", "net10.0" })
            foreach (var file in new[] { "OpenStack.Core.dll", "OpenStack.Core.xml", "OpenStack.Generated.dll", "OpenStack.Generated.xml" })
                Assert.Contains("lib/" + tfm + "/" + file, entries);
        Assert.Contains("build/OpenStack.Sdk.props", entries);
        Assert.Contains("build/OpenStack.Sdk.targets", entries);
        Assert.Contains("tools/host/OpenStack.Generator.Host.dll", entries);
        Assert.Contains("tools/host/OpenStack.Generator.dll", entries);
        Assert.Contains("specs/image/v2/images.yaml", entries);
        Assert.Contains("README.md", entries);
        Assert.True(File.Exists(Path.ChangeExtension(_fixture.PackageFile, ".snupkg")), "no symbols package");

        using var nuspec = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        var text = nuspec.ReadToEnd();
        Assert.Contains("<id>OpenStack.Sdk</id>", text);
        Assert.Contains("<license type=\"expression\">Apache-2.0</license>", text);
        Assert.DoesNotContain("\"OpenStack.Core\"", text);                          // inside, not a dependency
        Assert.Matches("<dependency id=\"Refit\" version=\"[^\"]+\" include=\"All\" />", text); // its generator reaches users
        Assert.Contains("<dependency id=\"YamlDotNet\"", text);                   // OpenStack.Core's own dependencies flowed
    }

    [SkippableFact]
    [Trait("Category", "Integration")]
    public async Task Vendor_overlay_runs_against_the_local_glance()
    {
        _fixture.AssertPacked();
        var environment = CloudEnvironment();
        var build = await _fixture.BuildSample("Consumer.VendorImages");
        _log.WriteLine("consumer build: " + build.Elapsed.TotalSeconds.ToString("0.0") + " s");
        Assert.True(build.ExitCode == 0, build.Output);

        var dir = Path.Combine(_fixture.Root, "Consumer.VendorImages");
        var run = await _fixture.Run(dir, environment, PackageFixture.Output(dir));
        _log.WriteLine(run.Output);
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("VENDOR OK", run.Output);
    }

    [Fact]
    public async Task Dns_service_from_its_own_specs_runs_on_the_sdk_connection()
    {
        _fixture.AssertPacked();
        var build = await _fixture.BuildSample("Consumer.Dns");
        _log.WriteLine("consumer build: " + build.Elapsed.TotalSeconds.ToString("0.0") + " s");
        Assert.True(build.ExitCode == 0, build.Output);
        var dir = Path.Combine(_fixture.Root, "Consumer.Dns");
        Assert.True(File.Exists(Path.Combine(dir, "obj", "Release", "net10.0", "OpenStack", "Dns", "V2", "Zones", "IZonesApi.g.cs")), "no generated Refit interface");

        await using var designate = new FakeDesignate();
        var run = await _fixture.Run(dir, designate.Environment, PackageFixture.Output(dir));
        _log.WriteLine(run.Output);
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("DNS OK", run.Output);
        Assert.Contains("missing zone: 404 req-dns-404", run.Output);
        // Every zone page after the first came from links.next; all calls carried the token Keystone issued.
        Assert.True(designate.Requests.Count(r => r.Target.StartsWith("/dns/v2/zones?", StringComparison.Ordinal)) >= 3, designate.Describe());
        Assert.Contains(designate.Requests, r => r.Target.Contains("marker=", StringComparison.Ordinal));
        Assert.All(designate.Requests.Where(r => r.Target.StartsWith("/dns/", StringComparison.Ordinal)), r => Assert.Equal(FakeDesignate.Token, r.Header("X-Auth-Token")));

        // A no-op rebuild skips the generator (Inputs/Outputs): the stamp is not touched.
        var stamp = Path.Combine(dir, "obj", "Release", "net10.0", "openstack-generator.stamp");
        var before = File.GetLastWriteTimeUtc(stamp);
        var again = await _fixture.Build(dir);
        _log.WriteLine("no-op consumer build: " + again.Elapsed.TotalSeconds.ToString("0.0") + " s");
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Equal(before, File.GetLastWriteTimeUtc(stamp));
    }

    [Fact]
    public async Task A_spec_error_fails_the_consumer_build_at_its_file_and_line()
    {
        _fixture.AssertPacked();
        var dir = _fixture.CopySample("Consumer.Dns", "Consumer.Broken");
        File.Move(Path.Combine(dir, "Consumer.Dns.csproj"), Path.Combine(dir, "Consumer.Broken.csproj"));
        var zones = Path.Combine(dir, "OpenStack", "dns", "v2", "zones.yaml");
        var lines = File.ReadAllLines(zones).ToList();
        var at = lines.FindIndex(l => l.StartsWith("  email:", StringComparison.Ordinal));
        lines[at] = "  email: { type: string, nullable: true }";   // not a key of the format: OSG002 at 'nullable'
        File.WriteAllLines(zones, lines);

        var build = await _fixture.Build(dir);
        _log.WriteLine(build.Output);
        Assert.NotEqual(0, build.ExitCode);
        var expected = zones + "(" + (at + 1) + "," + (lines[at].IndexOf("nullable", StringComparison.Ordinal) + 1) + "): error OSG002: ";
        Assert.Contains(expected, build.Output);
    }

    /// <summary>OS_* from the environment (scripts/test.sh exports the devcloud's), else the devcloud admin defaults.</summary>
    private static Dictionary<string, string> CloudEnvironment()
    {
        var env = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(k => k.StartsWith("OS_", StringComparison.Ordinal))
            .ToDictionary(k => k, k => Environment.GetEnvironmentVariable(k)!);
        if (!env.ContainsKey("OS_AUTH_URL"))
        {
            env["OS_AUTH_URL"] = "http://127.0.0.1:5000/v3";
            env["OS_USERNAME"] = "admin";
            env["OS_PASSWORD"] = "admin";
            env["OS_USER_DOMAIN_NAME"] = "Default";
            env["OS_PROJECT_NAME"] = "admin";
            env["OS_PROJECT_DOMAIN_NAME"] = "Default";
            env["OS_REGION_NAME"] = "RegionOne";
        }
        var up = false;
        try
        {
            using var tcp = new System.Net.Sockets.TcpClient();
            var uri = new Uri(env["OS_AUTH_URL"]);
            up = tcp.ConnectAsync(uri.Host, uri.Port).Wait(TimeSpan.FromSeconds(3));
        }
        catch (AggregateException) { }
        catch (System.Net.Sockets.SocketException) { }
        var ci = Environment.GetEnvironmentVariable("CI");
        var inCi = !string.IsNullOrEmpty(ci) && ci != "0" && !ci.Equals("false", StringComparison.OrdinalIgnoreCase);
        if (!up && inCi) throw new InvalidOperationException("CI=true and no cloud answers at " + env["OS_AUTH_URL"]);
        Skip.IfNot(up, "No cloud answers at " + env["OS_AUTH_URL"] + "; start one with scripts/devcloud.sh up");
        return env;
    }
}
