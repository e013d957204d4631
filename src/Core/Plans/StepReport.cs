namespace PveAgent.Core.Plans;

/// <summary>One step's line in an <see cref="ApplyReport"/>.</summary>
public sealed record StepReport
{
    /// <summary>1-based step index.</summary>
    public required int Index { get; init; }

    /// <summary>How the step ended.</summary>
    public required StepStatus Status { get; init; }

    /// <summary>The Proxmox task id, when the step started one.</summary>
    public string? Upid { get; init; }

    /// <summary>Why it failed.</summary>
    public string? Error { get; init; }

    /// <summary>Tool name.</summary>
    public string Tool { get; init; } = "";

    /// <summary>The action in words.</summary>
    public string Description { get; init; } = "";

    /// <summary>The outcome in one line, when it ran.</summary>
    public string? Summary { get; init; }

    /// <summary>How many times the request was sent (more than 1 only after a resume found an earlier send never arrived).</summary>
    public int Attempts { get; init; }
}
