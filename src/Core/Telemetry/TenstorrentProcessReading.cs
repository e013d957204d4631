namespace PveAgent.Core.Telemetry;

/// <summary>A host process holding a Tenstorrent device open (tt-smi's <c>processes</c> list).</summary>
public sealed record TenstorrentProcessReading
{
    /// <summary>Process id.</summary>
    public int? Pid { get; init; }

    /// <summary>Owning user.</summary>
    public string? User { get; init; }

    /// <summary>Logical device index the process uses.</summary>
    public int? Device { get; init; }

    /// <summary>Command line.</summary>
    public string? CommandLine { get; init; }
}
