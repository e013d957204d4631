namespace PveAgent.Core.Plans;

/// <summary>One append-only row of the apply journal: a step (or compensation) entering a state.</summary>
public sealed record JournalEntry
{
    /// <summary>The plan.</summary>
    public required string PlanId { get; init; }

    /// <summary>A step, or the compensation of a step.</summary>
    public required JournalKind Kind { get; init; }

    /// <summary>1-based index of the step (for a compensation: the step it undoes).</summary>
    public required int Step { get; init; }

    /// <summary>How many times the request has been sent for this step, counting this one (1 normally; 2 after a resume found the first never arrived).</summary>
    public required int Attempt { get; init; }

    /// <summary>The state entered.</summary>
    public required StepState State { get; init; }

    /// <summary>Action kind (<c>guest.migrate</c>), for queries such as "migrations in the last hour".</summary>
    public string? Action { get; init; }

    /// <summary>The Proxmox task id, once known.</summary>
    public string? Upid { get; init; }

    /// <summary>When the request was sent (set from <see cref="StepState.Sending"/> on).</summary>
    public DateTimeOffset? SentAt { get; init; }

    /// <summary>What the waiting phase needs beyond the task id, or how a recovery was decided.</summary>
    public string? Detail { get; init; }

    /// <summary>One line for the report, once finished.</summary>
    public string? Summary { get; init; }

    /// <summary>Why it failed.</summary>
    public string? Error { get; init; }

    /// <summary>When the entry was written.</summary>
    public required DateTimeOffset At { get; init; }
}
