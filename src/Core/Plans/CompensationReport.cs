namespace PveAgent.Core.Plans;

/// <summary>A compensation run after a failure, in an <see cref="ApplyReport"/>.</summary>
public sealed record CompensationReport
{
    /// <summary>The step it undoes.</summary>
    public required int Step { get; init; }

    /// <summary>How it ended.</summary>
    public required StepStatus Status { get; init; }

    /// <summary>The Proxmox task id, when it started one.</summary>
    public string? Upid { get; init; }

    /// <summary>Why it failed.</summary>
    public string? Error { get; init; }

    /// <summary>The compensating action in words.</summary>
    public string Description { get; init; } = "";

    /// <summary>The outcome in one line.</summary>
    public string? Summary { get; init; }
}
