namespace PveAgent.Core.Plans;

/// <summary>A guardrail decision with its reasons in plain words.</summary>
public sealed record PolicyVerdict
{
    /// <summary>The decision.</summary>
    public required PolicyDecision Decision { get; init; }

    /// <summary>Why, one sentence per rule that spoke.</summary>
    public required IReadOnlyList<string> Reasons { get; init; }

    /// <summary>Not evaluated yet.</summary>
    public static PolicyVerdict Pending { get; } = new() { Decision = PolicyDecision.NeedsApproval, Reasons = ["not evaluated by the guardrails yet"] };
}
