using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace OpenStack.Generator.Host;

/// <summary>Runs SpecSourceGenerator through CSharpGeneratorDriver, exactly as a compilation would.</summary>
public static class Regeneration
{
    public sealed record Result(IReadOnlyDictionary<string, string> Files, IReadOnlyList<string> Diagnostics, bool HasErrors, int SpecCount);

    /// <summary>Generates from every spec under specsDir; paths are reported relative to repoRoot.</summary>
    public static Result Run(string specsDir, string repoRoot)
    {
        var specs = SpecFiles(specsDir)
            .Select(p => Path.GetRelativePath(repoRoot, p).Replace('\\', '/'))
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => new SpecText(p, File.ReadAllText(Path.Combine(repoRoot, p)), isReference: false))
            .ToList();
        return Run(specs, new Dictionary<string, string>(), p => p);
    }

    /// <summary>
    /// Generates for a consumer project (consumer mode): its own specs are emitted, the reference specs (the SDK's own,
    /// shipped in its package) are only bases for `extends:` and service files for their folders. Spec paths are kept
    /// as given (relative to the project, so generated headers do not depend on the machine); diagnostics print them as
    /// full paths under baseDir, so MSBuild and IDEs point at the file.
    /// </summary>
    public static Result RunConsumer(IEnumerable<string> specs, IEnumerable<string> references, string baseDir, string rootNamespace)
    {
        var texts = specs.Select(p => new SpecText(p.Replace('\\', '/'), File.ReadAllText(Path.Combine(baseDir, p)), isReference: false))
            .Concat(references.Select(p => new SpecText(p.Replace('\\', '/'), File.ReadAllText(Path.Combine(baseDir, p)), isReference: true)))
            .ToList();
        var properties = new Dictionary<string, string>
        {
            ["build_property.OpenStackGeneratorMode"] = "consumer",
            ["build_property.OpenStackGeneratorRootNamespace"] = rootNamespace,
        };
        return Run(texts, properties, p => Path.GetFullPath(Path.Combine(baseDir, p)));
    }

    /// <summary>The spec files of a folder tree: *.yaml, *.yml and *.json except the format's own schema.</summary>
    public static IEnumerable<string> SpecFiles(string dir)
        => Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".yaml") || p.EndsWith(".yml") || (p.EndsWith(".json") && !p.EndsWith("spec.schema.json")))
            .OrderBy(p => p, StringComparer.Ordinal);

    private static Result Run(IReadOnlyList<SpecText> specs, Dictionary<string, string> properties, Func<string, string> displayPath)
    {
        var driver = CSharpGeneratorDriver.Create(
            new[] { new SpecSourceGenerator().AsSourceGenerator() },
            specs,
            new CSharpParseOptions(LanguageVersion.Latest),
            new Options(properties, specs.Where(s => s.IsReference).Select(s => (AdditionalText)s)));
        driver = (CSharpGeneratorDriver)driver.RunGenerators(CSharpCompilation.Create("OpenStack.Generated"));
        var run = driver.GetRunResult();
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in run.Results.SelectMany(r => r.GeneratedSources))
            files[HintToPath(source.HintName)] = source.SourceText.ToString();
        // A generator that threw reports CS8785 at the driver level and nothing else: never let that pass as success.
        var failures = run.Results.Where(r => r.Exception is not null)
            .Select(r => "error OSG015: the generator failed (" + r.Exception!.GetType().Name + ": " + r.Exception.Message + "); please report it");
        var diagnostics = run.Diagnostics.Select(d => Format(d, displayPath)).Concat(failures).ToList();
        var hasErrors = run.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) || run.Results.Any(r => r.Exception is not null);
        return new Result(files, diagnostics, hasErrors, specs.Count(s => !s.IsReference));
    }

    /// <summary>"Image.V2.Images.Image.g.cs" → "Image/V2/Images/Image.g.cs": every dot before the file name is a folder.</summary>
    public static string HintToPath(string hintName)
    {
        var stem = hintName.Substring(0, hintName.Length - ".g.cs".Length);
        return stem.Replace('.', '/') + ".g.cs";
    }

    /// <summary>Relative paths that would be added, changed or deleted.</summary>
    public static List<string> Compare(IReadOnlyDictionary<string, string> files, string outDir)
    {
        var existing = Existing(outDir);
        var changes = new List<string>();
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(outDir, path);
            if (!File.Exists(full)) changes.Add(path + " (missing)");
            else if (File.ReadAllText(full) != text) changes.Add(path + " (differs)");
        }
        changes.AddRange(existing.Where(p => !files.ContainsKey(p)).Select(p => p + " (no longer generated)"));
        return changes;
    }

    /// <summary>Writes only what changed (so builds see unchanged timestamps) and deletes stale files.</summary>
    public static void Write(IReadOnlyDictionary<string, string> files, string outDir)
    {
        foreach (var stale in Existing(outDir).Where(p => !files.ContainsKey(p)))
            File.Delete(Path.Combine(outDir, stale));
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(outDir, path);
            if (File.Exists(full) && File.ReadAllText(full) == text) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text, new UTF8Encoding(false));
        }
        foreach (var dir in Directory.EnumerateDirectories(outDir, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length))
            if (!Directory.EnumerateFileSystemEntries(dir).Any()) Directory.Delete(dir);
    }

    private static List<string> Existing(string outDir)
        => Directory.Exists(outDir)
            ? Directory.EnumerateFiles(outDir, "*.g.cs", SearchOption.AllDirectories)
                .Select(p => Path.GetRelativePath(outDir, p).Replace('\\', '/')).ToList()
            : new List<string>();

    /// <summary>MSBuild's canonical form, which its Exec task turns into an error at that file and line.</summary>
    private static string Format(Diagnostic d, Func<string, string> displayPath)
    {
        var span = d.Location.GetLineSpan();
        var path = string.IsNullOrEmpty(span.Path) ? "" : displayPath(span.Path);
        return $"{path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {d.Severity.ToString().ToLowerInvariant()} {d.Id}: {d.GetMessage()}";
    }

    private sealed class SpecText : AdditionalText
    {
        private readonly SourceText _text;

        public SpecText(string path, string text, bool isReference)
        {
            Path = path;
            IsReference = isReference;
            _text = SourceText.From(text, Encoding.UTF8);
        }

        public override string Path { get; }

        public bool IsReference { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    /// <summary>Build properties (build_property.X) and, per reference spec, OpenStackSpecRole=reference.</summary>
    /// <remarks>Also what generator/OpenStack.RefitStubs gives Refit's generator (with no reference specs).</remarks>
    public sealed class Options : AnalyzerConfigOptionsProvider
    {
        private static readonly Values None = new(new Dictionary<string, string>());
        private static readonly Values Reference = new(new Dictionary<string, string> { ["build_metadata.AdditionalFiles.OpenStackSpecRole"] = "reference" });
        private readonly Values _global;
        private readonly HashSet<AdditionalText> _references;

        public Options(Dictionary<string, string> global, IEnumerable<AdditionalText> references)
        {
            _global = new Values(global);
            _references = new HashSet<AdditionalText>(references);
        }

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => None;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _references.Contains(textFile) ? Reference : None;

        private sealed class Values : AnalyzerConfigOptions
        {
            private readonly Dictionary<string, string> _values;

            public Values(Dictionary<string, string> values) => _values = values;

            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
        }
    }
}
