namespace PveAgent.Core.Plans;

/// <summary>What a tool does to the cluster; guardrails and approval are decided by it.</summary>
public enum ToolEffect
{
    /// <summary>Only reads; runs at once, also while planning.</summary>
    Read,

    /// <summary>Changes the cluster reversibly: start, migrate, snapshot, clone, assign a GPU, run an inference task.</summary>
    Write,

    /// <summary>Interrupts running work: shutdown, stop, reboot.</summary>
    Disruptive,

    /// <summary>Loses data or state for good: delete, rollback to a snapshot.</summary>
    Destructive,
}
