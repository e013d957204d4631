namespace PveAgent.Core.Plans;

/// <summary>What <see cref="UndoPlanner.Propose"/> made of an applied plan: the undo plan, or why there is none.</summary>
public sealed record UndoProposal
{
    /// <summary>The undo plan (verdicts pending: evaluate it with the guardrails before saving and applying it), or null.</summary>
    public Plan? Plan { get; init; }

    /// <summary>Steps of the original plan that cannot be undone (no compensation: a reboot, a deletion).</summary>
    public IReadOnlyList<int> Irreversible { get; init; } = [];

    /// <summary>Why nothing can be undone, when <see cref="Plan"/> is null.</summary>
    public string? Problem { get; init; }
}
