namespace PveAgent.Core.Plans;

/// <summary>What an <see cref="ApplyProgress"/> event reports.</summary>
public enum ApplyProgressKind
{
    /// <summary>Re-reading the cluster to check the plan's preconditions.</summary>
    Checking,

    /// <summary>The plan will not run (denied step, missing approval, malformed); see the report.</summary>
    Refused,

    /// <summary>A precondition no longer holds; nothing runs.</summary>
    Stale,

    /// <summary>A step is about to be sent.</summary>
    StepStarting,

    /// <summary>A step's request was sent and its task id (if any) is known.</summary>
    StepSent,

    /// <summary>Progress of the running step's Proxmox task.</summary>
    StepProgress,

    /// <summary>A step finished (succeeded or failed).</summary>
    StepFinished,

    /// <summary>A step was skipped because an earlier one failed.</summary>
    StepSkipped,

    /// <summary>A compensation is about to be sent.</summary>
    CompensationStarting,

    /// <summary>A compensation finished.</summary>
    CompensationFinished,

    /// <summary>The apply ended; <see cref="ApplyProgress.Report"/> holds the report.</summary>
    Finished,
}
