namespace PveAgent.Core.Plans;

/// <summary>One line of <c>pve-agent plans</c>.</summary>
public sealed record PlanSummary
{
    /// <summary>Plan id.</summary>
    public required string Id { get; init; }

    /// <summary>What was asked for (secrets masked).</summary>
    public required string Intent { get; init; }

    /// <summary>When the plan was made.</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>Where it is in its life.</summary>
    public required PlanStatus Status { get; init; }

    /// <summary>When the status last changed.</summary>
    public required DateTimeOffset Updated { get; init; }
}
