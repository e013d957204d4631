namespace PveAgent.Core.Plans;

/// <summary>A live event of <see cref="PlanApplier.ApplyAsync"/>, for the progress display and the audit log.</summary>
public sealed record ApplyProgress
{
    /// <summary>What happened.</summary>
    public required ApplyProgressKind Kind { get; init; }

    /// <summary>The plan.</summary>
    public required string PlanId { get; init; }

    /// <summary>The step concerned (for a compensation: the step it undoes), or null for plan-wide events.</summary>
    public int? Step { get; init; }

    /// <summary>One line for people.</summary>
    public required string Message { get; init; }

    /// <summary>The Proxmox task id, when known.</summary>
    public string? Upid { get; init; }

    /// <summary>The step's or compensation's final status, for <c>*Finished</c> events.</summary>
    public StepStatus? Status { get; init; }

    /// <summary>Why it failed.</summary>
    public string? Error { get; init; }

    /// <summary>The task's own progress, for <see cref="ApplyProgressKind.StepProgress"/>.</summary>
    public ActionProgress? Action { get; init; }

    /// <summary>The final report, for <see cref="ApplyProgressKind.Finished"/>, <see cref="ApplyProgressKind.Refused"/> and <see cref="ApplyProgressKind.Stale"/>.</summary>
    public ApplyReport? Report { get; init; }
}
