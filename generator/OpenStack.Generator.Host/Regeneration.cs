using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace OpenStack.Generator.Host;

/// <summary>Runs SpecSourceGenerator through CSharpGeneratorDriver, exactly as a compilation would.</summary>
public static class Regeneration
{
    public sealed record Result(IReadOnlyDictionary<string, string> Files, IReadOnlyList<string> Diagnostics, bool HasErrors, int SpecCount);

    /// <summary>Generates from every spec under specsDir; paths are reported relative to repoRoot.</summary>
    public static Result Run(string specsDir, string repoRoot)
    {
        var texts = Directory.EnumerateFiles(specsDir, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(repoRoot, p).Replace('\\', '/'))
            .Where(p => p.EndsWith(".yaml") || p.EndsWith(".yml") || (p.EndsWith(".json") && !p.EndsWith("spec.schema.json")))
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (AdditionalText)new SpecText(p, File.ReadAllText(Path.Combine(repoRoot, p))))
            .ToImmutableArray();
        var driver = CSharpGeneratorDriver.Create(
            new[] { new SpecSourceGenerator().AsSourceGenerator() },
            texts,
            new CSharpParseOptions(LanguageVersion.Latest));
        driver = (CSharpGeneratorDriver)driver.RunGenerators(CSharpCompilation.Create("OpenStack.Generated"));
        var run = driver.GetRunResult();
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in run.Results.SelectMany(r => r.GeneratedSources))
            files[HintToPath(source.HintName)] = source.SourceText.ToString();
        var diagnostics = run.Diagnostics.Select(Format).ToList();
        return new Result(files, diagnostics, run.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error), texts.Length);
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

    private static string Format(Diagnostic d)
    {
        var span = d.Location.GetLineSpan();
        return $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {d.Severity.ToString().ToLowerInvariant()} {d.Id}: {d.GetMessage()}";
    }

    private sealed class SpecText : AdditionalText
    {
        private readonly SourceText _text;

        public SpecText(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text, Encoding.UTF8);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
