using System.Diagnostics;
using System.Globalization;
using PveAgent.Core.Routing;
using PveAgent.Core.Simulation;

namespace PveAgent.Benchmarks.Routing;

/// <summary>
/// The tail of single routing decisions, which BenchmarkDotNet's per-iteration means cannot show: every decision is
/// timed on its own (<see cref="Stopwatch.GetTimestamp"/>, ~20 ns overhead) after a warm-up, GC pauses included, and
/// the percentiles are printed as a Markdown table. Run with
/// <c>dotnet run -c Release --project bench/PveAgent.Benchmarks -- percentiles</c>.
/// </summary>
internal sealed class RouterDecisionPercentiles(TextWriter output)
{
    private static readonly (int Nodes, int Decisions)[] Sizes = [(10, 200_000), (100, 100_000), (1000, 20_000), (5000, 4_000)];

    private readonly Router _router = new();

    private readonly TaskRequest _chat = BenchmarkTasks.Chat();

    private readonly TaskRequest _transcription = BenchmarkTasks.Transcription();

    public void Run()
    {
        output.WriteLine("| nodes | task | decisions | p50 µs | p95 µs | p99 µs | p99.9 µs | max µs | gen0 GCs |");
        output.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (nodes, decisions) in Sizes)
        {
            var index = RoutingIndex.Build(SyntheticCluster.Snapshot(SyntheticCluster.Create(nodes, seed: 1), seed: 1));
            foreach (var (name, task) in new[] { ("chat", _chat), ("speech-to-text", _transcription) })
            {
                Measure(index, task, Math.Min(decisions / 10, 2_000), record: null);
                var samples = new double[decisions];
                var collections = GC.CollectionCount(0);
                Measure(index, task, decisions, samples);
                collections = GC.CollectionCount(0) - collections;
                Array.Sort(samples);
                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {nodes:N0} | {name} | {decisions:N0} | {At(samples, 0.50):F1} | {At(samples, 0.95):F1} | {At(samples, 0.99):F1} | {At(samples, 0.999):F1} | {samples[^1]:F1} | {collections} |"));
            }
        }
    }

    private void Measure(RoutingIndex index, TaskRequest task, int count, double[]? record)
    {
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var decision = _router.Route(task, index, RoutingOptions.Default);
            var elapsed = Stopwatch.GetElapsedTime(start);
            if (decision.Candidates.Count == 0)
            {
                throw new InvalidOperationException($"no candidate for {task.Type}: the synthetic cluster should always have one");
            }

            if (record is not null)
            {
                record[i] = elapsed.TotalMicroseconds;
            }
        }
    }

    private static double At(double[] sorted, double quantile) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
}
