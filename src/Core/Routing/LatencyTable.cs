using System.Collections.Frozen;

namespace PveAgent.Core.Routing;

/// <summary>
/// An immutable reading of the latency windows, keyed by node, service and model: the router's latency input. A model
/// is judged only by its own history (on the service, or pooled over the services that ran it); no other model's
/// samples stand in for it.
/// </summary>
public sealed class LatencyTable
{
    // Per service (node/service), per model key: the index reads one service's models at a time.
    private readonly FrozenDictionary<string, FrozenDictionary<string, LatencySummary>> _byService;

    // Per model key, every service's samples pooled.
    private readonly FrozenDictionary<string, LatencySummary> _byModel;

    /// <summary>Builds a table from one summary per (node, service, model); model names are compared as <see cref="State.ModelNames.AreSame"/> does.</summary>
    public LatencyTable(IEnumerable<LatencyReading> readings)
    {
        ArgumentNullException.ThrowIfNull(readings);
        var grouped = new Dictionary<string, Dictionary<string, LatencySummary>>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in readings)
        {
            var serviceKey = Key(row.Node, row.Service);
            if (!grouped.TryGetValue(serviceKey, out var models))
            {
                grouped[serviceKey] = models = new Dictionary<string, LatencySummary>(StringComparer.Ordinal);
            }

            models[ModelKey.Normalize(row.Model)] = row.Summary;
        }

        _byService = grouped.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToFrozenDictionary(StringComparer.Ordinal), StringComparer.OrdinalIgnoreCase);
        Count = grouped.Values.Sum(m => m.Count);
        _byModel = grouped.Values
            .SelectMany(m => m)
            .GroupBy(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, Pool, StringComparer.Ordinal);
    }

    /// <summary>A table without measurements.</summary>
    public static LatencyTable Empty { get; } = new([]);

    /// <summary>(Node, service, model) windows with a measurement.</summary>
    public int Count { get; }

    /// <summary>The summary for <paramref name="model"/> on a service, when that model has one there.</summary>
    public bool TryGet(string node, string service, string model, out LatencySummary summary)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(model);
        return ForService(node, service).TryGetValue(ModelKey.Normalize(model), out summary);
    }

    /// <summary>The summaries of every measured model on a service, by model key (<see cref="ModelKey.Normalize"/>); empty when none.</summary>
    internal FrozenDictionary<string, LatencySummary> ForService(string node, string service) =>
        _byService.GetValueOrDefault(Key(node, service)) ?? FrozenDictionary<string, LatencySummary>.Empty;

    /// <summary>Every service's samples of a model pooled (by model key), when any service has measured it.</summary>
    internal bool TryGetPooled(string modelKey, out LatencySummary summary) => _byModel.TryGetValue(modelKey, out summary);

    // The pooled mean is exact (weighted by count); the windows' samples are gone, so the pooled p95 is the largest
    // window's p95, an upper bound of the true one.
    private static LatencySummary Pool(IEnumerable<LatencySummary> summaries)
    {
        var count = 0;
        var total = 0.0;
        var p95 = 0.0;
        foreach (var summary in summaries)
        {
            count += summary.Count;
            total += summary.Count * summary.MeanMs;
            p95 = Math.Max(p95, summary.P95Ms);
        }

        return new LatencySummary(count, count == 0 ? 0 : total / count, p95);
    }

    internal static string Key(string node, string service) => node + "/" + service;

    // A model key never holds a newline, so (node/service, model) pairs cannot collide.
    internal static string Key(string node, string service, string modelKey) => Key(node, service) + "\n" + modelKey;
}
