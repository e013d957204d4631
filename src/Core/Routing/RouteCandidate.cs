using PveAgent.Core.Registry;

namespace PveAgent.Core.Routing;

/// <summary>A place the task could run, with its score as a sum of named parts.</summary>
public sealed record RouteCandidate
{
    /// <summary>Node name.</summary>
    public required string Node { get; init; }

    /// <summary>Service name, or null when the task runs as a job on the node.</summary>
    public string? Service { get; init; }

    /// <summary>The model the task would use there (the requested one, or the one the router picked), when any.</summary>
    public string? Model { get; init; }

    /// <summary>Accelerator family used.</summary>
    public required AcceleratorKind Accelerator { get; init; }

    /// <summary>Accelerator model, e.g. <c>RTX 3090</c>.</summary>
    public required string AcceleratorModel { get; init; }

    /// <summary>Devices the model spans (tensor parallel).</summary>
    public required int Devices { get; init; }

    /// <summary>Total score in points, the sum of <see cref="Parts"/>; higher is better.</summary>
    public required double Score { get; init; }

    /// <summary>Why the score is what it is, part by part.</summary>
    public required IReadOnlyList<ScorePart> Parts { get; init; }

    /// <summary>True when the model is already loaded there.</summary>
    public required bool Warm { get; init; }

    /// <summary>True when the node is asleep and must be woken first.</summary>
    public required bool NeedsWake { get; init; }

    /// <summary>True when the service's guest is stopped and must be started first.</summary>
    public required bool NeedsGuestStart { get; init; }

    /// <summary>Estimated time from now until the task finishes there, in milliseconds.</summary>
    public required double EstimatedLatencyMs { get; init; }

    /// <inheritdoc />
    public override string ToString() => Service is null ? $"{Node} (job) {Score:F1}" : $"{Node}/{Service} {Score:F1}";
}
