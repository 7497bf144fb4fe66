using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using OpenStack.Generator.Tests.Support;
using Xunit;

namespace OpenStack.Generator.Tests;

/// <summary>
/// Inputs that could crash the generator — and with it the compiler or IDE process — must end as a diagnostic.
/// OSG015 ("generator failure") is the parser's safety net for exceptions nobody foresaw; no known input reaches it,
/// so instead these tests feed the inputs most likely to: binary garbage, YAML aliases that form a cycle or expand
/// exponentially, absurd nesting, and clashing service and resource names (duplicate hint names throw in AddSource).
/// </summary>
public class RobustnessTests
{
    private const string Folder = "specs/test/v1/";
    private static readonly SpecText Service = new(Folder + "service.yaml", "kind: service\ntype: test\nversion: v1\n");

    public static IEnumerable<object[]> HostileInputs()
    {
        // Every byte value, NUL included, as a file of unknown encoding might decode.
        var binary = new string(Enumerable.Range(0, 512).Select(i => (char)((i * 37) % 256)).ToArray());
        // Column 2: YamlDotNet reads the NUL at column 1 as nothing and stops at the '%' after it.
        yield return new object[] { "binary", binary, "OSG001", 1, 2 };
        // An alias inside its own anchor: YamlDotNet's YamlStream builds a cyclic graph; walking it never ends.
        yield return new object[] { "cyclic alias", "kind: resource\nname: Widget\npath: widgets\nfields: &f\n  id: *f\n", "OSG001", 5, 7 };
        // "Billion laughs": nine levels of nine aliases each expand to 9^9 nodes.
        var laughs = new StringBuilder("kind: resource\na0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i <= 9; i++)
            laughs.Append($"a{i}: &a{i} [" + string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9)) + "]\n");
        // Stopped at the alias that crosses the node budget: the second *a4 of line 7 (a5).
        yield return new object[] { "alias bomb", laughs.ToString(), "OSG001", 7, 15 };
        // Nesting deep enough to threaten the stack of a recursive reader.
        // Stopped at the 65th '[' (column 4 + 64): one level past the limit.
        yield return new object[] { "deep nesting", "kind: resource\nname: Widget\nx: " + new string('[', 20000) + new string(']', 20000) + "\n", "OSG001", 3, 68 };
        yield return new object[] { "empty file", "# nothing but a comment\n", "OSG001", 1, 1 };
        yield return new object[] { "two documents", "kind: service\ntype: test\nversion: v1\n---\nkind: service\n", "OSG001", 4, 1 };
        yield return new object[] { "complex key", "kind: resource\n? [a, b]\n: c\n", "OSG001", 2, 3 };
        yield return new object[] { "not a mapping", "[kind, resource]\n", "OSG003", 1, 1 };
        yield return new object[] { "kind unknown", "kind: server\n", "OSG003", 1, 1 };
    }

    [Theory]
    [MemberData(nameof(HostileInputs))]
    public void Hostile_input_becomes_a_diagnostic_not_a_crash(string name, string text, string id, int line, int column)
    {
        var spec = new SpecText(Folder + "widgets.yaml", text);
        var (result, driverDiagnostics) = GeneratorRunner.RunWithDriverDiagnostics(new[] { spec, Service });
        Assert.Null(result.Exception);
        Assert.DoesNotContain(driverDiagnostics, d => d.Id == "CS8785");
        var all = result.Diagnostics;
        Assert.True(all.Length == 1 && all[0].Id == id, name + ": expected one " + id + ", got:\n" + GeneratorRunner.Describe(all));
        var span = all[0].Location.GetLineSpan();
        Assert.Equal(spec.Path, span.Path);
        Assert.True((line, column) == (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1), GeneratorRunner.Describe(all));
        // Nothing is generated from a broken resource; the service alone still yields its (empty) classes.
        Assert.DoesNotContain(result.GeneratedSources, s => s.HintName.Contains("Widget", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Clashing_services_are_reported_and_the_first_one_wins()
    {
        // "First" is by path: the others sort after it.
        var first = new SpecText("specs/test/v1/service.yaml", "kind: service\ntype: test\nversion: v1\n");
        var sameFolder = new SpecText("specs/test/v1/service2.yaml", "kind: service\ntype: test\nversion: v1\n");
        var sameNamespace = new SpecText("specs/x-other/v1/service.yaml", "kind: service\ntype: other\nversion: v1\nnamespace: Test.V1\n");
        var sameClient = new SpecText("specs/x-third/v1/service.yaml", "kind: service\ntype: third\nversion: v1\nclient: Test\n");
        var resource = new SpecText("specs/x-other/v1/widgets.yaml", "kind: resource\nname: Widget\npath: widgets\nfields: { id: { type: string } }\noperations: { get: {} }\n");

        var (result, driverDiagnostics) = GeneratorRunner.RunWithDriverDiagnostics(new[] { first, sameFolder, sameNamespace, sameClient, resource });

        Assert.Null(result.Exception);
        Assert.DoesNotContain(driverDiagnostics, d => d.Id == "CS8785");
        var reported = result.Diagnostics.Select(d => (d.Id, d.Location.GetLineSpan().Path)).OrderBy(x => x.Path).ToList();
        Assert.Equal(new[] { ("OSG012", sameNamespace.Path), ("OSG012", sameFolder.Path), ("OSG012", sameClient.Path) }.OrderBy(x => x.Item2), reported);
        // Only the first service is generated, and the resource of a rejected service is not emitted half-way.
        Assert.Contains(result.GeneratedSources, s => s.HintName == "Test.V1.TestService.g.cs");
        Assert.DoesNotContain(result.GeneratedSources, s => s.HintName.Contains("Widget", System.StringComparison.Ordinal));
        Assert.Equal(2, result.GeneratedSources.Length); // TestService + OpenStackClientServices
    }

    [Fact]
    public void Resources_sharing_a_csharp_name_are_reported()
    {
        var first = new SpecText(Folder + "a.yaml", "kind: resource\nname: Widget\npath: widgets\nfields: { id: { type: string } }\n");
        var second = new SpecText(Folder + "b.yaml", "kind: resource\nname: Widget\nplural: WidgetSet\npath: widget-set\nfields: { id: { type: string } }\n");

        var (result, driverDiagnostics) = GeneratorRunner.RunWithDriverDiagnostics(new[] { first, second, Service });

        Assert.Null(result.Exception);
        Assert.DoesNotContain(driverDiagnostics, d => d.Id == "CS8785");
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("OSG012", d.Id);
        Assert.Equal(second.Path, d.Location.GetLineSpan().Path);
        Assert.Contains("'Widget'", d.GetMessage());
        Assert.DoesNotContain(result.GeneratedSources, s => s.HintName.Contains("WidgetSet", System.StringComparison.Ordinal));
    }
}
