using System.Globalization;

namespace PveAgent.Core.Telemetry;

/// <summary>Board type facts: the unique part identifier (UPI) inside a board id, and the generation of each type.</summary>
internal static class TenstorrentBoardTypes
{
    // UPI = (board_id >> 36) & 0xFFFFF, as tt-smi's get_board_type reads it.
    private static readonly Dictionary<ulong, string> ByUpi = new()
    {
        [0x3] = "e150",
        [0xA] = "e300",
        [0x7] = "e75",
        [0x8] = "nb_cb",
        [0xB] = "wh_4u",
        [0x14] = "n300",
        [0x18] = "n150",
        [0x35] = "tt-galaxy-wh",
        [0x36] = "bh-scrappy",
        [0x40] = "p150a",
        [0x41] = "p150b",
        [0x42] = "p150c",
        [0x43] = "p100a",
        [0x44] = "p300b",
        [0x45] = "p300a",
        [0x46] = "p300c",
        [0x47] = "tt-galaxy-bh",
    };

    /// <summary>Board type for a board id written in hex (with or without <c>0x</c>), or null when unknown.</summary>
    public static string? FromBoardId(string? boardId)
    {
        var hex = boardId?.Trim();
        if (string.IsNullOrEmpty(hex))
        {
            return null;
        }

        if (hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            hex = hex[2..];
        }

        return ulong.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var id)
            && ByUpi.TryGetValue((id >> 36) & 0xFFFFF, out var type)
            ? type
            : null;
    }

    /// <summary>The chip generation of a board type.</summary>
    public static TenstorrentArchitecture ArchitectureOf(string? boardType) => boardType?.ToLowerInvariant() switch
    {
        null => TenstorrentArchitecture.Unknown,
        "e75" or "e150" or "e300" => TenstorrentArchitecture.Grayskull,
        "n150" or "n300" or "tt-galaxy-wh" or "nb_cb" or "wh_4u" => TenstorrentArchitecture.Wormhole,
        { } t when t.StartsWith("p1", StringComparison.Ordinal) || t.StartsWith("p3", StringComparison.Ordinal)
            || t is "tt-galaxy-bh" or "bh-scrappy" => TenstorrentArchitecture.Blackhole,
        _ => TenstorrentArchitecture.Unknown,
    };
}
