namespace PveAgent.Core.Telemetry;

/// <summary>The content of a <c>tt-smi -s</c> snapshot: chips, the boards they form, and processes.</summary>
public sealed record TenstorrentSnapshot
{
    /// <summary>When tt-smi took the snapshot, in the host's local time (the snapshot carries no zone).</summary>
    public DateTime? TakenAt { get; init; }

    /// <summary>Host name reported by tt-smi.</summary>
    public string? Hostname { get; init; }

    /// <summary>Kernel driver, e.g. <c>TT-KMD 2.3.0</c>.</summary>
    public string? Driver { get; init; }

    /// <summary>tt-smi version (absent before tt-smi 3.0.4).</summary>
    public string? TtSmiVersion { get; init; }

    /// <summary>Chips in tt-smi order.</summary>
    public required IReadOnlyList<TenstorrentChipReading> Chips { get; init; }

    /// <summary>Boards, grouping chips that share a board id.</summary>
    public required IReadOnlyList<TenstorrentBoardReading> Boards { get; init; }

    /// <summary>Processes using the devices (the occupancy signal; tt-smi reports no memory use).</summary>
    public IReadOnlyList<TenstorrentProcessReading> Processes { get; init; } = [];
}
