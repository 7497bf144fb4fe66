using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using OpenStack.Generator.Host;

// Two modes.
//   OpenStack.Generator.Host [--repo DIR] [--check]
//     The SDK's own build: writes src/OpenStack.Generated/Generated from specs/; --check only compares and exits 1 on a difference.
//   OpenStack.Generator.Host --consumer --out DIR [--base-dir DIR] [--root-namespace NS]
//                            [--spec FILE]... [--reference FILE | --reference-dir DIR]...   (or @RESPONSEFILE, one argument a line)
//     A project using the OpenStack.Sdk package (build/OpenStack.Sdk.targets runs this before CoreCompile): generates its
//     spec files into DIR, rewriting only changed files. Diagnostics print as "file(line,col): error OSGnnn: message".
//   Every option also takes the form --name=value (what the MSBuild targets write, one a line, into the response file).
var arguments = new List<string>();
foreach (var a in args)
{
    var lines = a.StartsWith('@') && File.Exists(a.Substring(1))
        ? File.ReadAllLines(a.Substring(1)).Select(l => l.Trim()).Where(l => l.Length > 0)
        : new[] { a };
    foreach (var line in lines)
    {
        var eq = line.IndexOf('=');
        if (line.StartsWith("--", StringComparison.Ordinal) && eq > 2) arguments.AddRange(new[] { line.Substring(0, eq), line.Substring(eq + 1) });
        else arguments.Add(line);
    }
}

var repo = Directory.GetCurrentDirectory();
var check = false;
var consumer = false;
string? outDir = null;
var baseDir = Directory.GetCurrentDirectory();
var rootNamespace = "";
var specs = new List<string>();
var references = new List<string>();
for (var i = 0; i < arguments.Count; i++)
{
    string Next() => i + 1 < arguments.Count ? arguments[++i] : throw new ArgumentException(arguments[i] + " needs a value");
    try
    {
        switch (arguments[i])
        {
            case "--repo": repo = Next(); break;
            case "--check": check = true; break;
            case "--consumer": consumer = true; break;
            case "--out": outDir = Next(); break;
            case "--base-dir": baseDir = Next(); break;
            case "--root-namespace": rootNamespace = Next(); break;
            case "--spec": specs.Add(Next()); break;
            case "--reference": references.Add(Next()); break;
            case "--reference-dir":
                var dir = Next();
                if (Directory.Exists(dir)) references.AddRange(Regeneration.SpecFiles(dir));
                break;
            default: throw new ArgumentException("unknown argument " + arguments[i]);
        }
    }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine("OpenStack.Generator.Host: error OSG000: " + e.Message);
        Console.Error.WriteLine("usage: OpenStack.Generator.Host [--repo DIR] [--check] | --consumer --out DIR [--base-dir DIR] [--root-namespace NS] [--spec FILE]... [--reference FILE]... [--reference-dir DIR]...");
        return 2;
    }
}

var stopwatch = Stopwatch.StartNew();
if (consumer)
{
    if (outDir is null)
    {
        Console.Error.WriteLine("OpenStack.Generator.Host: error OSG000: --consumer needs --out DIR");
        return 2;
    }
    if (rootNamespace.Length == 0) rootNamespace = "OpenStackSpecs";
    // Paths relative to the project keep the generated headers (and so the build) machine-independent.
    string Relative(string p) => Path.IsPathRooted(p) ? Path.GetRelativePath(baseDir, p) : p;
    var consumerRun = Regeneration.RunConsumer(specs.Select(Relative), references.Select(Relative), baseDir, rootNamespace);
    // stdout: MSBuild's Exec logs canonical "file(line,col): error CODE: text" lines as errors at that file and line.
    foreach (var d in consumerRun.Diagnostics) Console.WriteLine(d);
    if (consumerRun.HasErrors) return 1;
    var changed = Regeneration.Compare(consumerRun.Files, outDir).Count;
    Directory.CreateDirectory(outDir);
    Regeneration.Write(consumerRun.Files, outDir);
    Console.WriteLine($"OpenStack.Generator.Host: {consumerRun.Files.Count} files from {consumerRun.SpecCount} specs in {stopwatch.ElapsedMilliseconds} ms; {changed} changed");
    return 0;
}

var run = Regeneration.Run(Path.Combine(repo, "specs"), repo);
foreach (var d in run.Diagnostics) Console.Error.WriteLine(d);
if (run.HasErrors)
{
    Console.Error.WriteLine("regeneration failed: fix the spec errors above");
    return 1;
}
var generatedDir = Path.Combine(repo, "src", "OpenStack.Generated", "Generated");
var changes = Regeneration.Compare(run.Files, generatedDir);
if (check)
{
    foreach (var c in changes) Console.Error.WriteLine("stale: " + c);
    Console.WriteLine($"{run.Files.Count} files checked in {stopwatch.ElapsedMilliseconds} ms; {changes.Count} differ");
    return changes.Count == 0 ? 0 : 1;
}
Regeneration.Write(run.Files, generatedDir);
Console.WriteLine($"{run.Files.Count} files generated from {run.SpecCount} specs in {stopwatch.ElapsedMilliseconds} ms; {changes.Count} changed");
return 0;
