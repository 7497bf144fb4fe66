using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace OpenStack.Generator.Tests.Support;

/// <summary>Runs SpecSourceGenerator through CSharpGeneratorDriver on in-memory specs, as a compilation would.</summary>
internal static class GeneratorRunner
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> specs, bool trackSteps = false)
        => CSharpGeneratorDriver.Create(
            new[] { new SpecSourceGenerator().AsSourceGenerator() },
            specs,
            ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    public static CSharpCompilation EmptyCompilation() => CSharpCompilation.Create("OpenStack.Generated");

    /// <summary>One run; the generator's single result (its exception, diagnostics, sources).</summary>
    public static GeneratorRunResult Run(params AdditionalText[] specs) => Run((IEnumerable<AdditionalText>)specs);

    public static GeneratorRunResult Run(IEnumerable<AdditionalText> specs)
    {
        var driver = CreateDriver(specs).RunGenerators(EmptyCompilation());
        return driver.GetRunResult().Results.Single();
    }

    /// <summary>Runs and also returns the driver-level diagnostics, which is where CS8785 (generator threw) appears.</summary>
    public static (GeneratorRunResult Result, ImmutableArray<Diagnostic> DriverDiagnostics) RunWithDriverDiagnostics(IEnumerable<AdditionalText> specs)
    {
        var driver = CreateDriver(specs).RunGeneratorsAndUpdateCompilation(EmptyCompilation(), out _, out var diagnostics);
        return (driver.GetRunResult().Results.Single(), diagnostics);
    }

    /// <summary>"file(line,col): id: message" lines, for assertion messages.</summary>
    public static string Describe(IEnumerable<Diagnostic> diagnostics)
        => string.Join(Environment.NewLine, diagnostics.Select(d =>
        {
            var span = d.Location.GetLineSpan();
            return $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {d.Id}: {d.GetMessage()}";
        }));
}
