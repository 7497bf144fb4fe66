using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace OpenStack.Benchmarks;

internal static class Program
{
    private static void Main(string[] args)
    {
        // In-process: no generated boilerplate project to build (this machine has 2 shared cores),
        // and the repo-wide TreatWarningsAsErrors never meets BenchmarkDotNet's generated code.
        // ShortRun (3 warm-ups, 3 iterations) by default; pass --job to override.
        IConfig config = DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).AsDefault());
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    }
}
