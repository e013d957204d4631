namespace PveAgent.Core.Plans;

/// <summary>Where a saved plan is in its life; kept by <see cref="PlanStore"/> and moved only forward by <see cref="PlanApplier"/>.</summary>
public enum PlanStatus
{
    /// <summary>Saved, not applied yet.</summary>
    Pending,

    /// <summary>An apply started and has not finished (or the process died during it: resume with <c>--resume</c>).</summary>
    Applying,

    /// <summary>Every step succeeded.</summary>
    Applied,

    /// <summary>A step failed; the compensations of the steps done before it ran.</summary>
    Failed,

    /// <summary>The last attempt was refused (a denied step, approval missing, a malformed plan); nothing ran.</summary>
    Refused,

    /// <summary>The last attempt found a precondition that no longer holds; nothing ran.</summary>
    Stale,

    /// <summary>Applied, then undone by a later undo plan.</summary>
    Undone,
}
