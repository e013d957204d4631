namespace PveAgent.Cli.Composition;

/// <summary>The latest completion latencies, in milliseconds and oldest first, of one model on one service.</summary>
/// <remarks>Members are nullable because the file is read as written: a window missing one is skipped.</remarks>
internal sealed record LatencyJournalWindow
{
    public string? Node { get; init; }

    public string? Service { get; init; }

    public string? Model { get; init; }

    public double[]? Samples { get; init; }
}
