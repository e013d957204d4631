namespace PveAgent.Core.Telemetry;

/// <summary>llama.cpp's parallel slots (<c>GET /slots</c>): how many there are and how many are busy.</summary>
public sealed record LlamaCppSlots
{
    /// <summary>Number of slots (<c>--parallel</c>).</summary>
    public required int Total { get; init; }

    /// <summary>Slots processing a request.</summary>
    public required int Busy { get; init; }

    /// <summary>Context size per slot, when reported.</summary>
    public int? ContextSize { get; init; }

    /// <summary>Busy share 0–1 (0 when there are no slots).</summary>
    public double Utilization => Total == 0 ? 0 : (double)Busy / Total;
}
