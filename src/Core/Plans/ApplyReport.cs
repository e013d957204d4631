namespace PveAgent.Core.Plans;

/// <summary>What an apply did, step by step (<c>apply --json</c> prints it through <see cref="PlanJson.SerializeReport"/>).</summary>
public sealed record ApplyReport
{
    /// <summary>The plan.</summary>
    public required string PlanId { get; init; }

    /// <summary>How the apply ended.</summary>
    public required ApplyStatus Status { get; init; }

    /// <summary>Every step with its final status, task id and error, in plan order.</summary>
    public required IReadOnlyList<StepReport> Steps { get; init; }

    /// <summary>One paragraph for people.</summary>
    public required string Summary { get; init; }

    /// <summary>The compensations that ran after a failure, in the order they ran.</summary>
    public IReadOnlyList<CompensationReport> Compensations { get; init; } = [];

    /// <summary>For a stale plan: each fact that no longer holds and what is there now.</summary>
    public IReadOnlyList<FailedPrecondition> FailedPreconditions { get; init; } = [];

    /// <summary>For a refused plan: why, one sentence each.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>True when this apply ran nothing because the journal shows the plan finished earlier.</summary>
    public bool AlreadyFinished { get; init; }
}
