namespace PveAgent.Cli.Composition;

/// <summary>The content of <c>latencies.json</c>: one window of recent latencies per model on each service.</summary>
internal sealed record LatencyJournalDocument
{
    /// <summary>Format version: 2 is per model; the first format had no version and no model.</summary>
    public int Version { get; init; }

    public IReadOnlyList<LatencyJournalWindow>? Windows { get; init; }
}
