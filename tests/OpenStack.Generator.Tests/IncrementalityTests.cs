using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using OpenStack.Generator.Model;
using OpenStack.Generator.Tests.Support;
using Xunit;

namespace OpenStack.Generator.Tests;

/// <summary>
/// The generator runs on every keystroke in an IDE: editing one spec must redo only that spec's work. Checked through
/// the tracked pipeline steps (SpecSourceGenerator.Steps): the edited spec's Parse and Bind outputs are Modified, every
/// other spec's are Cached or Unchanged. This fails if a model loses value equality (an ImmutableArray in a record, a
/// Roslyn Location in a diagnostic) or if a step starts depending on more than it needs.
/// </summary>
public class IncrementalityTests
{
    private const string ImagesPath = "specs/image/v2/images.yaml";

    [Fact]
    public void Editing_one_spec_reparses_and_rebinds_only_that_spec()
    {
        var specs = TestPaths.RealSpecs();
        var services = specs.Count(s => s.Path.EndsWith("/service.yaml", StringComparison.Ordinal));
        var resources = specs.Count - services;
        Assert.True(services >= 2 && resources >= 3, "the real specs should have grown, not shrunk");
        var driver = GeneratorRunner.CreateDriver(specs, trackSteps: true).RunGenerators(GeneratorRunner.EmptyCompilation());
        var first = driver.GetRunResult().Results.Single();
        Assert.Empty(first.Diagnostics);

        var images = specs.Single(s => s.Path == ImagesPath);
        const string before = "description: \"Lists images visible to the caller.\"";
        Assert.Contains(before, images.Text);
        var edited = new SpecText(images.Path, images.Text.Replace(before, "description: \"Lists the images the caller can see.\"", StringComparison.Ordinal));
        driver = driver.ReplaceAdditionalText(images, edited).RunGenerators(GeneratorRunner.EmptyCompilation());
        var second = driver.GetRunResult().Results.Single();

        var parse = Outputs(second, SpecSourceGenerator.Steps.Parse);
        Assert.Equal(specs.Count, parse.Count);
        foreach (var (value, reason) in parse)
        {
            var path = ((ParsedSpec)value).Path;
            if (path == ImagesPath) Assert.Equal(IncrementalStepRunReason.Modified, reason);
            else Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, path + " was " + reason);
        }

        var bind = Outputs(second, SpecSourceGenerator.Steps.Bind);
        Assert.Equal(resources, bind.Count);
        foreach (var (value, reason) in bind)
        {
            var path = ((SpecSourceGenerator.BindResult)value).Bound!.Resource.Path;
            if (path == ImagesPath) Assert.Equal(IncrementalStepRunReason.Modified, reason);
            else Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, path + " was " + reason);
        }

        // A description is not part of what services or name clashes depend on.
        AssertAllCachedOrUnchanged(second, SpecSourceGenerator.Steps.Services);
        AssertAllCachedOrUnchanged(second, SpecSourceGenerator.Steps.Identities);
        // The edit shows in the output.
        Assert.Contains(second.GeneratedSources, s => s.SourceText.ToString().Contains("Lists the images the caller can see.", StringComparison.Ordinal));
    }

    [Fact]
    public void Editing_only_a_comment_changes_no_model()
    {
        var specs = TestPaths.RealSpecs();
        var driver = GeneratorRunner.CreateDriver(specs, trackSteps: true).RunGenerators(GeneratorRunner.EmptyCompilation());
        var images = specs.Single(s => s.Path == ImagesPath);
        var edited = new SpecText(images.Path, "# A new first line: every position below moves, no value changes.\n" + images.Text);
        driver = driver.ReplaceAdditionalText(images, edited).RunGenerators(GeneratorRunner.EmptyCompilation());
        var result = driver.GetRunResult().Results.Single();

        // images.yaml is parsed again, but its model compares equal (value equality all the way down), so nothing after it runs.
        var parse = Outputs(result, SpecSourceGenerator.Steps.Parse);
        Assert.Equal(IncrementalStepRunReason.Unchanged, parse.Single(o => ((ParsedSpec)o.Value).Path == ImagesPath).Reason);
        foreach (var step in new[] { SpecSourceGenerator.Steps.Parse, SpecSourceGenerator.Steps.Bind, SpecSourceGenerator.Steps.Services, SpecSourceGenerator.Steps.Identities, SpecSourceGenerator.Steps.Roots })
            AssertAllCachedOrUnchanged(result, step);
    }

    [Fact]
    public void Rerun_without_changes_is_fully_cached()
    {
        var specs = TestPaths.RealSpecs();
        var driver = GeneratorRunner.CreateDriver(specs, trackSteps: true).RunGenerators(GeneratorRunner.EmptyCompilation());
        driver = driver.RunGenerators(GeneratorRunner.EmptyCompilation());
        var result = driver.GetRunResult().Results.Single();

        var resources = specs.Count(s => !s.Path.EndsWith("/service.yaml", StringComparison.Ordinal));
        Assert.Equal(specs.Count, Outputs(result, SpecSourceGenerator.Steps.Parse).Count);
        Assert.Equal(resources, Outputs(result, SpecSourceGenerator.Steps.Bind).Count);
        foreach (var step in new[] { SpecSourceGenerator.Steps.Parse, SpecSourceGenerator.Steps.Bind, SpecSourceGenerator.Steps.Services, SpecSourceGenerator.Steps.Identities, SpecSourceGenerator.Steps.Roots })
            AssertAllCachedOrUnchanged(result, step);
    }

    private static List<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRunResult result, string step)
    {
        Assert.True(result.TrackedSteps.TryGetValue(step, out var runs), "no tracked step " + step);
        return runs.SelectMany(r => r.Outputs).ToList();
    }

    private static void AssertAllCachedOrUnchanged(GeneratorRunResult result, string step)
    {
        var outputs = Outputs(result, step);
        Assert.NotEmpty(outputs);
        foreach (var (value, reason) in outputs)
            Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, step + ": " + value + " was " + reason);
    }
}
