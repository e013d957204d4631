namespace PveAgent.Simulator.Proxmox.Model;

/// <summary>The kinds of change a task applies when it ends.</summary>
internal enum SimTaskAction
{
    /// <summary>Nothing.</summary>
    None,

    /// <summary>Guest starts.</summary>
    Start,

    /// <summary>Guest stops (stop or shutdown).</summary>
    Stop,

    /// <summary>Guest restarts.</summary>
    Reboot,

    /// <summary>VM pauses, or hibernates when <see cref="SimTaskEffect.Flag"/>.</summary>
    Suspend,

    /// <summary>VM resumes.</summary>
    Resume,

    /// <summary>Guest moves to <see cref="SimTaskEffect.Target"/>.</summary>
    Migrate,

    /// <summary>New guest created by clone or create becomes usable.</summary>
    Create,

    /// <summary>Guest is removed.</summary>
    Destroy,

    /// <summary>Snapshot is recorded.</summary>
    Snapshot,

    /// <summary>Snapshot is removed.</summary>
    DeleteSnapshot,

    /// <summary>Guest returns to a snapshot.</summary>
    Rollback,

    /// <summary>Config changes are applied.</summary>
    Config,

    /// <summary>A node's onboot guests start after it booted.</summary>
    StartAll,
}
