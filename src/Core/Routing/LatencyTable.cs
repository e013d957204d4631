using System.Collections.Frozen;

namespace PveAgent.Core.Routing;

/// <summary>An immutable reading of every service's latency window, keyed by node and service: the router's latency input.</summary>
public sealed class LatencyTable
{
    private readonly FrozenDictionary<string, LatencySummary> _byService;

    /// <summary>Builds a table from summaries keyed by (node, service).</summary>
    public LatencyTable(IEnumerable<KeyValuePair<(string Node, string Service), LatencySummary>> summaries)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        _byService = summaries
            .Select(kv => new KeyValuePair<string, LatencySummary>(Key(kv.Key.Node, kv.Key.Service), kv.Value))
            .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>A table without measurements.</summary>
    public static LatencyTable Empty { get; } = new([]);

    /// <summary>Services with a measurement.</summary>
    public int Count => _byService.Count;

    /// <summary>The summary for a service, when it has one.</summary>
    public bool TryGet(string node, string service, out LatencySummary summary)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(service);
        return _byService.TryGetValue(Key(node, service), out summary);
    }

    internal static string Key(string node, string service) => node + "/" + service;
}
