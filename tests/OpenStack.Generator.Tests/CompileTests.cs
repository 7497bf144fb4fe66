using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using OpenStack.Generator.Tests.Support;
using Xunit;

namespace OpenStack.Generator.Tests;

/// <summary>
/// Everything the generator emits, for the real specs and the snapshot specs together, must compile against the real
/// OpenStack.Core, Refit and the framework with no error and no warning — as the OpenStack.Generated project builds it
/// (nullable on, XML docs checked, warnings are errors). The downstream generators run too, as in that build:
/// System.Text.Json's (from the shared framework's ref pack), which writes the JSON context's other half, and
/// Refit's, which implements the interfaces and warns (RF…) about methods it cannot build requests for inline.
/// </summary>
public class CompileTests
{
    private static readonly Dictionary<string, string> RefitProperties = new()
    {
        ["build_property.RefitInternalNamespace"] = "OpenStack",
        ["build_property.RefitGeneratedRequestBuilding"] = "true",
        ["build_property.RefitEmitGeneratedCodeMarkers"] = "true",
    };

    [Fact]
    public void Generated_code_compiles_without_errors_or_warnings()
    {
        var specs = TestPaths.RealSpecs().Concat(TestPaths.TestSpecs()).ToList();
        var run = GeneratorRunner.Run(specs);
        Assert.Null(run.Exception);
        Assert.True(run.Diagnostics.IsEmpty, GeneratorRunner.Describe(run.Diagnostics));

        var trees = run.GeneratedSources
            .Select(s => CSharpSyntaxTree.ParseText(s.SourceText, GeneratorRunner.ParseOptions, "Generated/" + s.HintName))
            .ToList();
        // The handwritten half of the library: OpenStackClient.CreateServiceHttpClient, which the generated entry
        // client calls, lives there (and the rest must keep compiling against what is generated).
        var custom = Path.Combine(TestPaths.RepoRoot, "src", "OpenStack.Generated", "Custom");
        trees.AddRange(Directory.EnumerateFiles(custom, "*.cs", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => CSharpSyntaxTree.ParseText(File.ReadAllText(p), GeneratorRunner.ParseOptions, p)));

        var compilation = CSharpCompilation.Create("OpenStack.Generated", trees, References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                // As the .NET SDK does by default (NoWarn CS1701;CS1702): 8.0 packages bound to this 10.0 framework.
                .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));

        var downstream = DownstreamGenerators();
        Assert.Equal(2, downstream.Count);
        CSharpGeneratorDriver.Create(downstream, parseOptions: GeneratorRunner.ParseOptions, optionsProvider: new BuildProperties(RefitProperties))
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);

        var problems = generatorDiagnostics.Concat(output.GetDiagnostics())
            .Where(d => d.Severity is DiagnosticSeverity.Error or DiagnosticSeverity.Warning)
            .ToList();
        Assert.True(problems.Count == 0, problems.Count + " errors/warnings:\n" + GeneratorRunner.Describe(problems.Take(50)));
        // Sanity: the downstream generators did run (STJ's half of the context, Refit's implementations).
        Assert.Contains(output.SyntaxTrees, t => t.FilePath.Contains("TestWidgetsJsonContext", StringComparison.Ordinal) && !t.FilePath.StartsWith("Generated/", StringComparison.Ordinal));
        Assert.Contains(output.SyntaxTrees, t => t.GetText().ToString().Contains("IWidgetsApi", StringComparison.Ordinal) && !t.FilePath.StartsWith("Generated/", StringComparison.Ordinal) && !t.FilePath.Contains("Custom", StringComparison.Ordinal));
    }

    /// <summary>The test process's framework assemblies, plus OpenStack.Core, Refit and the library's other package dependencies.</summary>
    private static List<MetadataReference> References()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetDirectoryName(p) == Path.GetDirectoryName(typeof(object).Assembly.Location))
            .ToHashSet(StringComparer.Ordinal);
        paths.Add(typeof(OpenStack.OpenStackConnection).Assembly.Location);
        paths.Add(typeof(Refit.RestService).Assembly.Location);
        // The library's other dependencies (logging, configuration, DI, IHttpClientFactory, Polly), copied beside this test.
        foreach (var dll in Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll"))
        {
            var name = Path.GetFileName(dll);
            if (name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal) || name.StartsWith("Polly", StringComparison.Ordinal)) paths.Add(dll);
        }
        return paths.OrderBy(p => p, StringComparer.Ordinal).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
    }

    /// <summary>System.Text.Json's generator from the targeting pack the build uses, and Refit's from its package.</summary>
    private static List<ISourceGenerator> DownstreamGenerators()
    {
        var refPack = BuildSetting("NetCoreAppRefPackDir");
        var stj = Path.Combine(refPack, "analyzers", "dotnet", "cs", "System.Text.Json.SourceGeneration.dll");
        Assert.True(File.Exists(stj), "System.Text.Json's source generator not found at " + stj);

        var refitPackage = BuildSetting("RefitPackageDir");
        var refitGenerator = Directory.Exists(Path.Combine(refitPackage, "analyzers"))
            ? Directory.EnumerateFiles(Path.Combine(refitPackage, "analyzers"), "InterfaceStubGenerator*.dll", SearchOption.AllDirectories).FirstOrDefault()
            : null;
        Assert.True(refitGenerator is not null, "Refit's source generator not found under " + refitPackage);

        return new[] { stj, refitGenerator! }.SelectMany(LoadGenerators).ToList();
    }

    /// <summary>A path the test project's build recorded as [AssemblyMetadata] (see the .csproj).</summary>
    private static string BuildSetting(string key)
        => typeof(CompileTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
            ?? throw new InvalidOperationException("The test assembly has no [AssemblyMetadata(\"" + key + "\")]");

    private static IEnumerable<ISourceGenerator> LoadGenerators(string path)
    {
        var assembly = Assembly.LoadFrom(path);
        foreach (var type in assembly.GetTypes().Where(t => !t.IsAbstract && t.GetCustomAttribute<GeneratorAttribute>() is not null))
        {
            var instance = Activator.CreateInstance(type)!;
            yield return instance is IIncrementalGenerator incremental ? incremental.AsSourceGenerator() : (ISourceGenerator)instance;
        }
    }
}
