using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using OpenStack.Generator.Tests.Support;
using Xunit;

namespace OpenStack.Generator.Tests;

/// <summary>
/// The generator's output for the test-only specs under Specs/ (every spec feature at least once) must match the
/// committed Snapshots/*.verified.cs. Review a snapshot diff like a code change; accept with ACCEPT_SNAPSHOTS=1.
/// </summary>
public class SnapshotTests
{
    private static readonly Lazy<GeneratorRunResult> Output = new(() => GeneratorRunner.Run(TestPaths.TestSpecs()));

    public static IEnumerable<object[]> HintNames()
        => Output.Value.GeneratedSources.Select(s => new object[] { s.HintName }).OrderBy(o => (string)o[0], StringComparer.Ordinal);

    [Fact]
    public void Test_specs_generate_without_diagnostics_or_exception()
    {
        var result = Output.Value;
        Assert.Null(result.Exception);
        Assert.True(result.Diagnostics.IsEmpty, GeneratorRunner.Describe(result.Diagnostics));
        // 4 resources with most files each, one service class, the entry client and the JSON context.
        Assert.True(result.GeneratedSources.Length >= 30, "only " + result.GeneratedSources.Length + " files generated");
    }

    [Theory]
    [MemberData(nameof(HintNames))]
    public void Generated_source_matches_snapshot(string hintName)
    {
        var source = Output.Value.GeneratedSources.Single(s => s.HintName == hintName);
        Snapshot.Verify(Snapshot.NameOf(hintName), source.SourceText.ToString());
    }

    [Fact]
    public void Every_snapshot_is_still_generated()
    {
        var expected = Output.Value.GeneratedSources.Select(s => Snapshot.NameOf(s.HintName)).ToHashSet(StringComparer.Ordinal);
        var files = Directory.Exists(TestPaths.SnapshotsDir)
            ? Directory.GetFiles(TestPaths.SnapshotsDir, "*.verified.cs")
            : Array.Empty<string>();
        var stale = new List<string>();
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            name = name.Substring(0, name.Length - ".verified.cs".Length);
            if (expected.Contains(name)) continue;
            if (Snapshot.Accepting) File.Delete(file);
            else stale.Add(name);
        }
        Assert.True(stale.Count == 0, "Snapshots of files no longer generated (delete them, or run with ACCEPT_SNAPSHOTS=1): " + string.Join(", ", stale));
        Assert.NotEmpty(expected);
    }
}
