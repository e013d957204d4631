namespace PveAgent.Core.Telemetry;

/// <summary>A Tenstorrent board: one card, made of one chip (n150, p150) or two (n300, p300).</summary>
public sealed record TenstorrentBoardReading
{
    /// <summary>Board id shared by its chips, when reported.</summary>
    public string? BoardId { get; init; }

    /// <summary>Board type, e.g. <c>n300</c>.</summary>
    public string? BoardType { get; init; }

    /// <summary>Chip generation.</summary>
    public TenstorrentArchitecture Architecture { get; init; }

    /// <summary>Indexes (in <see cref="TenstorrentSnapshot.Chips"/>) of the board's chips.</summary>
    public required IReadOnlyList<int> ChipIndexes { get; init; }

    /// <summary>Board input power when reported, else the sum of the chips' core power, in W.</summary>
    public double? PowerW { get; init; }

    /// <summary>Hottest chip temperature in °C.</summary>
    public double? MaxTemperatureC { get; init; }

    /// <summary>Processes that hold one of the board's chips open.</summary>
    public int ProcessCount { get; init; }
}
