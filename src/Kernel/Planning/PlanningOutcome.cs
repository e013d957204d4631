namespace PveAgent.Kernel.Planning;

/// <summary>What a planner made of an intent.</summary>
public enum PlanningOutcome
{
    /// <summary>A plan of changes, to be checked by the guardrails and approved.</summary>
    Plan,

    /// <summary>A question, answered from read tools; nothing to change.</summary>
    Answer,

    /// <summary>The intent was understood but cannot be planned as asked (a tool refused); nothing was queued.</summary>
    Refused,

    /// <summary>The intent was not understood; see the examples of what works.</summary>
    NotUnderstood,
}
