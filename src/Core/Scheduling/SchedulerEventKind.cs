namespace PveAgent.Core.Scheduling;

/// <summary>What happened to a task in the scheduler.</summary>
public enum SchedulerEventKind
{
    /// <summary>Accepted and waiting.</summary>
    Queued,

    /// <summary>Given its devices and started (or resumed after a pause).</summary>
    Started,

    /// <summary>Paused to make room for interactive work; it resumes later.</summary>
    Paused,

    /// <summary>Stopped to make room for interactive work; it starts again from the beginning later.</summary>
    Evicted,

    /// <summary>Finished; its devices are free.</summary>
    Completed,

    /// <summary>Withdrawn before it finished.</summary>
    Cancelled,
}
