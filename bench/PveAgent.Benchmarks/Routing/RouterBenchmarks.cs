using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using PveAgent.Core.Registry;
using PveAgent.Core.Routing;
using PveAgent.Core.Simulation;
using PveAgent.Core.State;

namespace PveAgent.Benchmarks.Routing;

/// <summary>
/// One routing decision over synthetic clusters of 10 to 5,000 nodes (targets: p99 ≤ 50 µs at 100 nodes, ≤ 2 ms at
/// 5,000), against a naive baseline measured in the same run: a linear scan that returns the least-loaded capable
/// service without reasons, constraints or a fallback chain.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PercentileConfig))]
public class RouterBenchmarks
{
    private readonly Router _router = new();
    private ClusterSnapshot _snapshot = null!;
    private RoutingIndex _index = null!;
    private Dictionary<string, NodeState> _nodesByName = null!;

    private readonly TaskRequest _chat = BenchmarkTasks.Chat();

    private readonly TaskRequest _transcription = BenchmarkTasks.Transcription();

    [Params(10, 100, 1000, 5000)]
    public int Nodes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _snapshot = SyntheticCluster.Snapshot(SyntheticCluster.Create(Nodes, seed: 1), seed: 1);
        _index = RoutingIndex.Build(_snapshot);
        _nodesByName = _snapshot.Nodes.ToDictionary(n => n.Name);
    }

    /// <summary>The product path: one decision on a prebuilt index (the index is built once per snapshot).</summary>
    [Benchmark]
    public RouteDecision RouteChat() => _router.Route(_chat, _index, RoutingOptions.Default);

    /// <summary>A task fewer nodes can take (speech-to-text): most nodes are rejected with a reason.</summary>
    [Benchmark]
    public RouteDecision RouteTranscription() => _router.Route(_transcription, _index, RoutingOptions.Default);

    /// <summary>What a new snapshot costs before its first decision.</summary>
    [Benchmark]
    public RoutingIndex BuildIndex() => RoutingIndex.Build(_snapshot);

    /// <summary>The naive baseline: linear scan, least (running + waiting) among services of capable nodes that list or can pull the model.</summary>
    [Benchmark(Baseline = true)]
    public string? NaiveLeastLoaded()
    {
        ServiceState? best = null;
        var bestLoad = double.MaxValue;
        foreach (var service in _snapshot.Services)
        {
            var node = _nodesByName.GetValueOrDefault(service.Node);
            if (node?.Config is null || !node.Config.Capabilities.Contains(Capabilities.LlmInference))
            {
                continue;
            }

            if (service.Kind != ServiceKind.Ollama && !service.Config.Models.Any(m => ModelNames.AreSame(m, _chat.Model!)))
            {
                continue;
            }

            var load = (service.RequestsRunning ?? 0) + (service.RequestsWaiting ?? 0);
            if (load < bestLoad)
            {
                best = service;
                bestLoad = load;
            }
        }

        return best?.Node;
    }

    private sealed class PercentileConfig : ManualConfig
    {
        public PercentileConfig()
        {
            AddColumn(StatisticColumn.P95, StatisticColumn.P100);
        }
    }
}
