namespace PveAgent.Core.Plans;

/// <summary>What a journal entry is about.</summary>
public enum JournalKind
{
    /// <summary>A step of the plan.</summary>
    Step,

    /// <summary>The compensation of a step, run after a later step failed.</summary>
    Compensation,
}
