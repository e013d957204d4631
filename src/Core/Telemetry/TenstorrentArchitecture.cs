namespace PveAgent.Core.Telemetry;

/// <summary>Tenstorrent chip generation.</summary>
public enum TenstorrentArchitecture
{
    /// <summary>Board type not recognised.</summary>
    Unknown,

    /// <summary>Grayskull (e75, e150, e300).</summary>
    Grayskull,

    /// <summary>Wormhole (n150, n300, Galaxy WH).</summary>
    Wormhole,

    /// <summary>Blackhole (p100a, p150, p300, Galaxy BH).</summary>
    Blackhole,
}
