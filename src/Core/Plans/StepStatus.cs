namespace PveAgent.Core.Plans;

/// <summary>How a step (or a compensation) ended, in the report.</summary>
public enum StepStatus
{
    /// <summary>Did what it should.</summary>
    Succeeded,

    /// <summary>Failed, or could not start.</summary>
    Failed,

    /// <summary>Never ran (an earlier step failed, or the plan was refused or stale).</summary>
    Skipped,
}
