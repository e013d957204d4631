using System.Collections.Concurrent;

namespace PveAgent.Core.Routing;

/// <summary>One <see cref="LatencyWindow"/> per service, created on first use; thread-safe. The executor records, the router reads a <see cref="Snapshot"/>.</summary>
/// <param name="capacity">Samples each window keeps (default 50).</param>
public sealed class LatencyWindows(int capacity = 50)
{
    private readonly ConcurrentDictionary<(string Node, string Service), LatencyWindow> _windows = new(KeyComparer.Instance);

    /// <summary>Records one completion latency of <paramref name="service"/> on <paramref name="node"/>.</summary>
    public void Record(string node, string service, double milliseconds)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(service);
        _windows.GetOrAdd((node, service), static (_, c) => new LatencyWindow(c), capacity).Record(milliseconds);
    }

    /// <summary>An immutable reading of every window that has samples.</summary>
    public LatencyTable Snapshot() =>
        new(_windows
            .Select(kv => new KeyValuePair<(string Node, string Service), LatencySummary>(kv.Key, kv.Value.Summarize()))
            .Where(kv => kv.Value.Count > 0)
            .ToList());

    private sealed class KeyComparer : IEqualityComparer<(string Node, string Service)>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals((string Node, string Service) x, (string Node, string Service) y) =>
            StringComparer.OrdinalIgnoreCase.Equals(x.Node, y.Node) && StringComparer.OrdinalIgnoreCase.Equals(x.Service, y.Service);

        public int GetHashCode((string Node, string Service) obj) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Node), StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Service));
    }
}
