namespace PveAgent.Core.Plans;

/// <summary>
/// An ordered, checked list of changes made from one intent, with the facts it was made under. Saved, shown, approved
/// and applied; never changes the cluster by itself.
/// </summary>
public sealed record Plan
{
    /// <summary>Short id people type (<c>p-3f9a1c</c>).</summary>
    public required string Id { get; init; }

    /// <summary>What the person asked for, verbatim.</summary>
    public required string Intent { get; init; }

    /// <summary>When the plan was made.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The steps in order.</summary>
    public required IReadOnlyList<PlanStep> Steps { get; init; }

    /// <summary>Facts about the cluster at planning time that the plan relies on.</summary>
    public required IReadOnlyList<Precondition> Preconditions { get; init; }

    /// <summary>SHA-256 over the observed values of <see cref="Preconditions"/> (see <see cref="PlanFingerprint"/>).</summary>
    public required string Fingerprint { get; init; }

    /// <summary>One-paragraph summary for people.</summary>
    public required string Summary { get; init; }

    /// <summary>Who made it: <c>rule-based</c>, <c>llm:&lt;model&gt;</c>, <c>mcp</c>, <c>cli</c>.</summary>
    public string Planner { get; init; } = "rule-based";

    /// <summary>Version of the prompt used, for LLM-made plans.</summary>
    public string? PromptVersion { get; init; }

    /// <summary>What the planner found out while planning (results of read tools), for the report.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>True when no step is denied.</summary>
    public bool CanApply => Steps.All(s => s.Verdict.Decision != PolicyDecision.Deny);

    /// <summary>True when some step needs a person's approval.</summary>
    public bool NeedsApproval => Steps.Any(s => s.Verdict.Decision == PolicyDecision.NeedsApproval);
}
