using PveAgent.Core.Plans;

namespace PveAgent.Guardrails.Rules;

/// <summary>What each known action touches; an action type missing here is unknown to the guardrails and denied.</summary>
internal static class ActionTargets
{
    public static bool IsKnown(ClusterAction action) => action is StartGuestAction or ShutdownGuestAction or StopGuestAction
        or RebootGuestAction or MigrateGuestAction or CloneGuestAction or DeleteGuestAction or CreateContainerAction
        or CreateSnapshotAction or DeleteSnapshotAction or RollbackSnapshotAction or AssignGpuAction or ReleaseGpuAction
        or WakeNodeAction or RunTaskAction;

    /// <summary>Existing guests the action acts on.</summary>
    public static IReadOnlyList<GuestRef> Guests(ClusterAction action) => action switch
    {
        StartGuestAction a => [a.Guest],
        ShutdownGuestAction a => [a.Guest],
        StopGuestAction a => [a.Guest],
        RebootGuestAction a => [a.Guest],
        MigrateGuestAction a => [a.Guest],
        CloneGuestAction a => [a.Source],
        DeleteGuestAction a => [a.Guest],
        CreateSnapshotAction a => [a.Guest],
        DeleteSnapshotAction a => [a.Guest],
        RollbackSnapshotAction a => [a.Guest],
        AssignGpuAction a => [a.Guest],
        ReleaseGpuAction a => [a.Guest],
        _ => [],
    };

    /// <summary>Nodes the action acts on besides the nodes of its guests: a migration or clone target, where a container is created, a node woken.</summary>
    public static IReadOnlyList<string> Nodes(ClusterAction action) => action switch
    {
        MigrateGuestAction a => [a.TargetNode],
        CloneGuestAction { TargetNode: { } target } => [target],
        CreateContainerAction a => [a.Node],
        WakeNodeAction a => [a.Node],
        RunTaskAction a => [a.Node],
        _ => [],
    };

    /// <summary>Nodes that must be online for the action to run (a woken node need not be).</summary>
    public static IReadOnlyList<string> NodesThatMustBeOnline(ClusterAction action) => action is WakeNodeAction ? [] : Nodes(action);

    /// <summary>The guest id the action creates, if any.</summary>
    public static int? CreatedId(ClusterAction action) => action switch
    {
        CloneGuestAction a => a.NewVmId,
        CreateContainerAction a => a.VmId,
        _ => null,
    };
}
