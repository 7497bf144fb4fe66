using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using OpenStack.Generator.Host;

// Usage: OpenStack.Generator.Host [--repo DIR] [--check]
//   writes src/OpenStack.Generated/Generated from specs/; --check only compares and exits 1 on a difference.
var repo = Directory.GetCurrentDirectory();
var check = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--repo": repo = args[++i]; break;
        case "--check": check = true; break;
        default:
            Console.Error.WriteLine("usage: OpenStack.Generator.Host [--repo DIR] [--check]");
            return 2;
    }
}

var stopwatch = Stopwatch.StartNew();
var run = Regeneration.Run(Path.Combine(repo, "specs"), repo);
foreach (var d in run.Diagnostics) Console.Error.WriteLine(d);
if (run.HasErrors)
{
    Console.Error.WriteLine("regeneration failed: fix the spec errors above");
    return 1;
}
var outDir = Path.Combine(repo, "src", "OpenStack.Generated", "Generated");
var changes = Regeneration.Compare(run.Files, outDir);
if (check)
{
    foreach (var c in changes) Console.Error.WriteLine("stale: " + c);
    Console.WriteLine($"{run.Files.Count} files checked in {stopwatch.ElapsedMilliseconds} ms; {changes.Count} differ");
    return changes.Count == 0 ? 0 : 1;
}
Regeneration.Write(run.Files, outDir);
Console.WriteLine($"{run.Files.Count} files generated from {run.SpecCount} specs in {stopwatch.ElapsedMilliseconds} ms; {changes.Count} changed");
return 0;
