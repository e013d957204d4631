using System.Collections.Concurrent;

namespace PveAgent.Core.Routing;

/// <summary>
/// One <see cref="LatencyWindow"/> per model on each service, created on first use; thread-safe. The executor records,
/// the router reads a <see cref="Snapshot"/>.
/// </summary>
/// <remarks>
/// Keyed by model, not only by service: one Ollama serves small and large models whose latencies differ tenfold, and a
/// service-wide mean would charge a 3B model for the 70B model's waits.
/// </remarks>
/// <param name="capacity">Samples each window keeps (default 50).</param>
public sealed class LatencyWindows(int capacity = 50)
{
    private readonly ConcurrentDictionary<string, Entry> _windows = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Records one completion latency of <paramref name="model"/> served by <paramref name="service"/> on <paramref name="node"/>.</summary>
    public void Record(string node, string service, string model, double milliseconds)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(model);
        var modelKey = ModelKey.Normalize(model);
        _windows.GetOrAdd(
                LatencyTable.Key(node, service, modelKey),
                static (_, state) => new Entry(state.node, state.service, state.modelKey, new LatencyWindow(state.capacity)),
                (node, service, modelKey, capacity))
            .Window.Record(milliseconds);
    }

    /// <summary>An immutable reading of every window that has samples.</summary>
    public LatencyTable Snapshot() =>
        new(_windows.Values
            .Select(e => new LatencyReading(e.Node, e.Service, e.Model, e.Window.Summarize()))
            .Where(r => r.Summary.Count > 0)
            .ToList());

    private sealed record Entry(string Node, string Service, string Model, LatencyWindow Window);
}
