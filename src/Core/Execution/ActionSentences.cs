using PveAgent.Core.Plans;
using PveAgent.Core.State;

namespace PveAgent.Core.Execution;

/// <summary>The words of action reports: what an action is doing ("starting VM 110 (dev-sandbox)") and what it did.</summary>
internal static class ActionSentences
{
    /// <summary>The action as a gerund phrase, for "… failed: …".</summary>
    public static string Doing(ClusterAction action) => action switch
    {
        StartGuestAction a => $"starting {a.Guest}",
        ShutdownGuestAction a => $"shutting down {a.Guest}",
        StopGuestAction a => $"stopping {a.Guest}",
        RebootGuestAction a => $"rebooting {a.Guest}",
        MigrateGuestAction a => $"migrating {a.Guest} from {a.Guest.Node} to {a.TargetNode}",
        CloneGuestAction a => $"cloning {a.Source} to {Kind(a.Source.Type)} {a.NewVmId}",
        DeleteGuestAction a => $"deleting {a.Guest}",
        CreateContainerAction a => $"creating CT {a.VmId} ({a.Hostname}) on {a.Node}",
        CreateSnapshotAction a => $"taking snapshot '{a.Name}' of {a.Guest}",
        DeleteSnapshotAction a => $"deleting snapshot '{a.Name}' of {a.Guest}",
        RollbackSnapshotAction a => $"rolling {a.Guest} back to snapshot '{a.Name}'",
        AssignGpuAction a => $"passing {(a.IsMapping ? $"mapped device '{a.Device}'" : $"PCI device {a.Device}")} through to {a.Guest} as {a.Slot}",
        ReleaseGpuAction a => $"removing {a.Slot} from {a.Guest}",
        WakeNodeAction a => $"waking {a.Node}",
        RunTaskAction a => $"running {a.TaskType} on {a.Node}/{a.Service}",
        _ => action.Describe(),
    };

    /// <summary>What a successful action achieved, without the duration.</summary>
    public static string Done(ClusterAction action) => action switch
    {
        StartGuestAction a => $"{a.Guest} is running on {a.Guest.Node}",
        ShutdownGuestAction a => $"{a.Guest} is shut down",
        StopGuestAction a => $"{a.Guest} is stopped",
        RebootGuestAction a => $"{a.Guest} rebooted",
        MigrateGuestAction a when a.Online || a.Restart => $"{a.Guest} now runs on {a.TargetNode}",
        MigrateGuestAction a => $"{a.Guest} is now on {a.TargetNode}",
        CloneGuestAction a => $"{a.Source} cloned to {Kind(a.Source.Type)} {a.NewVmId}{(a.Name is null ? "" : $" ({a.Name})")}{(a.TargetNode is null ? "" : $" on {a.TargetNode}")}",
        DeleteGuestAction a => $"{a.Guest} deleted with its disks",
        CreateContainerAction a => $"CT {a.VmId} ({a.Hostname}) created on {a.Node}{(a.Start ? " and started" : "")}",
        CreateSnapshotAction a => $"snapshot '{a.Name}' of {a.Guest} taken",
        DeleteSnapshotAction a => $"snapshot '{a.Name}' of {a.Guest} deleted",
        RollbackSnapshotAction a => $"{a.Guest} rolled back to snapshot '{a.Name}'",
        WakeNodeAction a => $"{a.Node} is online",
        _ => action.Describe(),
    };

    /// <summary>The first letter in upper case, for a sentence that starts with a phrase.</summary>
    public static string Capitalize(string text) =>
        text.Length == 0 || char.IsUpper(text[0]) ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Kind(GuestType type) => type == GuestType.Qemu ? "VM" : "CT";
}
