using System;
using System.IO;
using OpenStack.Generator.Host;
using OpenStack.Generator.Tests.Support;
using Xunit;

namespace OpenStack.Generator.Tests;

/// <summary>The committed src/OpenStack.Generated/Generated must be exactly what the generator makes of specs/ today.</summary>
public class StaleOutputTests
{
    [Fact]
    public void Committed_generated_code_is_current()
    {
        var run = Regeneration.Run(TestPaths.RealSpecsDir, TestPaths.RepoRoot);
        Assert.False(run.HasErrors, string.Join(Environment.NewLine, run.Diagnostics));
        Assert.Empty(run.Diagnostics);
        Assert.True(run.SpecCount >= 5, "only " + run.SpecCount + " specs found under " + TestPaths.RealSpecsDir);
        Assert.NotEmpty(run.Files);

        var outDir = Path.Combine(TestPaths.RepoRoot, "src", "OpenStack.Generated", "Generated");
        var changes = Regeneration.Compare(run.Files, outDir);
        Assert.True(changes.Count == 0,
            "src/OpenStack.Generated/Generated is stale; run scripts/regenerate.sh and commit the result:" + Environment.NewLine
            + string.Join(Environment.NewLine, changes));
    }
}
