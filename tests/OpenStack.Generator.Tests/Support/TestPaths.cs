using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace OpenStack.Generator.Tests.Support;

/// <summary>Where the repository, the real specs and this project's own specs and snapshots are.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> Root = new(FindRepoRoot);

    /// <summary>The checkout: the first folder above the test binaries holding OpenStack.sln and specs/.</summary>
    public static string RepoRoot => Root.Value;

    public static string ProjectDir => Path.Combine(RepoRoot, "tests", "OpenStack.Generator.Tests");

    public static string SnapshotsDir => Path.Combine(ProjectDir, "Snapshots");

    /// <summary>The test-only specs; their paths as the generator sees them are specs/test/v1/&lt;file&gt;.</summary>
    public static string TestSpecsDir => Path.Combine(ProjectDir, "Specs");

    public static string RealSpecsDir => Path.Combine(RepoRoot, "specs");

    /// <summary>The real specs, with repo-relative paths ("specs/image/v2/images.yaml") as the regeneration host uses.</summary>
    public static List<SpecText> RealSpecs() => Load(RealSpecsDir, "specs");

    /// <summary>The snapshot specs, presented as if they lived under specs/ ("specs/test/v1/widgets.yaml").</summary>
    public static List<SpecText> TestSpecs() => Load(TestSpecsDir, "specs");

    private static List<SpecText> Load(string dir, string prefix)
        => Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".yaml", StringComparison.Ordinal) || p.EndsWith(".yml", StringComparison.Ordinal)
                || (p.EndsWith(".json", StringComparison.Ordinal) && !p.EndsWith("spec.schema.json", StringComparison.Ordinal)))
            .Select(p => prefix + "/" + Path.GetRelativePath(dir, p).Replace('\\', '/'))
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => new SpecText(p, File.ReadAllText(Path.Combine(dir, p.Substring(prefix.Length + 1)))))
            .ToList();

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OpenStack.sln")) && Directory.Exists(Path.Combine(dir.FullName, "specs")))
                return dir.FullName;
        }
        throw new InvalidOperationException("No folder above " + AppContext.BaseDirectory + " holds OpenStack.sln and specs/.");
    }
}
