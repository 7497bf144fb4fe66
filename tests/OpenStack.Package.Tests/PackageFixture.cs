using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading.Tasks;
using Xunit;

namespace OpenStack.Package.Tests;

/// <summary>
/// Packs OpenStack.Sdk once per test run, with a version no other run uses, into a folder feed; consumer projects are
/// copied out of samples/ next to a nuget.config naming that feed (the machine's own sources still apply) and restored
/// into an isolated NUGET_PACKAGES, so a package cached by an earlier run can never be the one tested. Packages other
/// than OpenStack.Sdk come from the machine's global folder as a fallback folder, so nothing is downloaded twice.
/// </summary>
public sealed class PackageFixture : IAsyncLifetime
{
    private readonly Dictionary<string, Task<ProcessResult>> _builds = new();

    public static string RepoRoot { get; } = typeof(PackageFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepoRoot").Value!;

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "openstack-package-tests-" + Guid.NewGuid().ToString("N")[..8]);

    public string Version { get; } = "0.0.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss") + "." + Environment.ProcessId;

    public string Feed => Path.Combine(Root, "feed");

    public string Packages => Path.Combine(Root, "packages");

    public ProcessResult? Pack { get; private set; }

    public TimeSpan PackTime { get; private set; }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        var machinePackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p
            ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(Root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="openstack-sdk-under-test" value="{Feed}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="machine" value="{machinePackages}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        var watch = Stopwatch.StartNew();
        Pack = await Dotnet(RepoRoot, "pack", "src/OpenStack.Generated", "-c", "Release", "-o", Feed,
            "--artifacts-path", Path.Combine(Root, "artifacts"), "-p:Version=" + Version, "-nologo");
        PackTime = watch.Elapsed;
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return Task.CompletedTask;
    }

    public string PackageFile => Path.Combine(Feed, "OpenStack.Sdk." + Version + ".nupkg");

    /// <summary>Fails the calling test with pack's output when pack failed.</summary>
    public void AssertPacked()
        => Assert.True(Pack is { ExitCode: 0 } && File.Exists(PackageFile), "dotnet pack failed:\n" + Pack?.Output);

    /// <summary>A copy of samples/&lt;name&gt; under the fixture's folder (bin/obj left out).</summary>
    public string CopySample(string sample, string? as_ = null)
    {
        var from = Path.Combine(RepoRoot, "samples", sample);
        var to = Path.Combine(Root, as_ ?? sample);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                || relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(to, relative))!);
            File.Copy(file, Path.Combine(to, relative), overwrite: true);
        }
        return to;
    }

    /// <summary>Builds a sample copy once (later callers share the result): warnings are errors, as in this repository.</summary>
    public Task<ProcessResult> BuildSample(string sample)
    {
        lock (_builds)
        {
            if (!_builds.TryGetValue(sample, out var build))
                _builds[sample] = build = Build(CopySample(sample));
            return build;
        }
    }

    public Task<ProcessResult> Build(string projectDir)
        => Dotnet(projectDir, "build", "-c", "Release", "-p:OpenStackSdkVersion=" + Version, "-p:TreatWarningsAsErrors=true", "-nologo");

    public static string Output(string projectDir) => Path.Combine(projectDir, "bin", "Release", "net10.0", Path.GetFileName(projectDir) + ".dll");

    /// <summary>Runs dotnet with this fixture's isolated package folder, and without the MSBuild variables of the test's own build.</summary>
    public Task<ProcessResult> Dotnet(string workingDirectory, params string[] args) => Run(workingDirectory, null, args);

    public async Task<ProcessResult> Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("_MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(key);
        start.Environment["NUGET_PACKAGES"] = Packages;
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        if (environment is not null)
            foreach (var (key, value) in environment) start.Environment[key] = value;
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var lockObj = new object();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (lockObj) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (lockObj) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new System.Threading.CancellationTokenSource(TimeSpan.FromMinutes(8));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet " + string.Join(' ', args) + " did not finish in 8 minutes:\n" + output);
        }
        process.WaitForExit();
        lock (lockObj) return new ProcessResult(process.ExitCode, output.ToString(), watch.Elapsed);
    }
}

public sealed record ProcessResult(int ExitCode, string Output, TimeSpan Elapsed);

[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageFixture>
{
    public const string Name = "packed OpenStack.Sdk";
}
