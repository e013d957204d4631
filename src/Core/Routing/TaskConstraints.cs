using PveAgent.Core.Registry;

namespace PveAgent.Core.Routing;

/// <summary>Hard limits a placement must respect; a node that cannot is excluded with the reason.</summary>
public sealed record TaskConstraints
{
    /// <summary>No constraints.</summary>
    public static TaskConstraints None { get; } = new();

    /// <summary>Longest acceptable estimated completion time in milliseconds (wake, start, load, queue and work included).</summary>
    public double? MaxLatencyMs { get; init; }

    /// <summary>Least free accelerator memory in GB the chosen devices must offer, beyond what the model needs.</summary>
    public double? MinVramGb { get; init; }

    /// <summary>Only accelerators of this family.</summary>
    public AcceleratorKind? AcceleratorKind { get; init; }

    /// <summary>Only this node (case-insensitive).</summary>
    public string? PinNode { get; init; }

    /// <summary>Never these nodes (case-insensitive).</summary>
    public IReadOnlyList<string> AvoidNodes { get; init; } = [];

    /// <summary>The task must be finished by then (compared with the snapshot's time plus the estimate, never the clock).</summary>
    public DateTimeOffset? Deadline { get; init; }
}
