namespace PveAgent.Core.Plans;

/// <summary>A state a step (or a compensation) passes through, as written to the journal.</summary>
public enum StepState
{
    /// <summary>About to send the request; written before it leaves, with the time it is sent.</summary>
    Sending,

    /// <summary>The request started a Proxmox task, whose id is recorded before waiting on it.</summary>
    Started,

    /// <summary>Finished and did what it should.</summary>
    Succeeded,

    /// <summary>Finished without doing what it should, or could not start.</summary>
    Failed,

    /// <summary>Not run because an earlier step failed.</summary>
    Skipped,
}
