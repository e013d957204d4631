using System.Globalization;
using PveAgent.Core.Plans;
using PveAgent.Core.State;

namespace PveAgent.Core.Execution;

/// <summary>
/// Which Proxmox task an action starts (the worker names of qemu-server and pve-container, plus the HA manager's for
/// HA-managed guests) and on which object, so recovery can find it in <c>/cluster/tasks</c>.
/// </summary>
internal static class ActionTasks
{
    /// <summary>The task types and the task id (<c>vmid</c>) an action's task is listed with; null for actions without a task.</summary>
    public static (IReadOnlyList<string> Types, string Id)? Of(ClusterAction action) => action switch
    {
        StartGuestAction a => (Types(a.Guest.Type, "qmstart", "vzstart", "hastart"), Id(a.Guest.VmId)),
        ShutdownGuestAction a => (Types(a.Guest.Type, "qmshutdown", "vzshutdown", "hastop"), Id(a.Guest.VmId)),
        StopGuestAction a => (Types(a.Guest.Type, "qmstop", "vzstop", "hastop"), Id(a.Guest.VmId)),
        RebootGuestAction a => (Types(a.Guest.Type, "qmreboot", "vzreboot"), Id(a.Guest.VmId)),
        MigrateGuestAction a => (Types(a.Guest.Type, "qmigrate", "vzmigrate", "hamigrate"), Id(a.Guest.VmId)),

        // qemu-server and pve-container name a clone task after the source guest.
        CloneGuestAction a => (Types(a.Source.Type, "qmclone", "vzclone"), Id(a.Source.VmId)),
        DeleteGuestAction a => (Types(a.Guest.Type, "qmdestroy", "vzdestroy"), Id(a.Guest.VmId)),
        CreateContainerAction a => (["vzcreate"], Id(a.VmId)),
        CreateSnapshotAction a => (Types(a.Guest.Type, "qmsnapshot", "vzsnapshot"), Id(a.Guest.VmId)),
        DeleteSnapshotAction a => (Types(a.Guest.Type, "qmdelsnapshot", "vzdelsnapshot"), Id(a.Guest.VmId)),
        RollbackSnapshotAction a => (Types(a.Guest.Type, "qmrollback", "vzrollback"), Id(a.Guest.VmId)),
        _ => null,
    };

    private static string[] Types(GuestType type, string qemu, string lxc, string? ha = null) =>
        (type == GuestType.Qemu ? qemu : lxc, ha) switch
        {
            (var own, null) => [own],
            (var own, { } managed) => [own, managed],
        };

    private static string Id(int vmId) => vmId.ToString(CultureInfo.InvariantCulture);
}
