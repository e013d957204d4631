using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace PveAgent.Benchmarks.Cli;

/// <summary>
/// Cold start of the CLI as a user feels it: spawn <c>pve-agent status</c> against the simulated sample cluster and wait
/// for it to exit, beside the floor measured in the same run — the same executable printing <c>--version</c> (runtime
/// start + argument parsing, nothing of PveAgent's own). Needs <c>dotnet build -c Release src/Cli</c> first.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 15)]
public class ColdStartBenchmarks
{
    private string _executable = null!;
    private string _config = null!;
    private string _state = null!;

    [GlobalSetup]
    public void Setup()
    {
        var root = FindRepositoryRoot();
        _executable = Path.Combine(root, "src", "Cli", "bin", "Release", "net10.0", OperatingSystem.IsWindows() ? "pve-agent.exe" : "pve-agent");
        if (!File.Exists(_executable))
        {
            throw new InvalidOperationException($"{_executable} is missing: run `dotnet build -c Release src/Cli` first.");
        }

        _config = Path.Combine(root, "cluster.yaml");
        _state = Directory.CreateTempSubdirectory("pveagent-bench-").FullName;
        Run("status", "--config", _config);
    }

    /// <summary>The floor: <c>--version</c> takes no other option (System.CommandLine answers it alone).</summary>
    [Benchmark(Baseline = true)]
    public int VersionOnly() => Run("--version");

    [Benchmark]
    public int Status() => Run("status", "--config", _config);

    [Benchmark]
    public int StatusJson() => Run("status", "--json", "--config", _config);

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_state, recursive: true);

    private int Run(params string[] args)
    {
        var start = new ProcessStartInfo(_executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PVEAGENT_STATE_DIR"] = _state;
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? 0 : throw new InvalidOperationException($"pve-agent {string.Join(' ', args)} exited with {process.ExitCode}");
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PveAgent.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmarks from inside the repository.");
    }
}
