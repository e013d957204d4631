using PveAgent.Core.Plans;
using PveAgent.Core.State;

namespace PveAgent.Plugins.Planning;

/// <summary>
/// Applies the expected effect of queued actions to a snapshot, so a later step of the same plan is checked against the
/// cluster as it will be (after "shut down VM 110", "start VM 110" is valid). Memory is projected conservatively: a
/// guest that starts or arrives counts with its configured maximum, one that stops or leaves frees what it used.
/// </summary>
public static class ProjectedSnapshot
{
    /// <summary>The snapshot after <paramref name="actions"/>, in order; the input is returned unchanged when there are none.</summary>
    public static ClusterSnapshot Apply(ClusterSnapshot snapshot, IEnumerable<ClusterAction> actions)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(actions);
        var result = snapshot;
        foreach (var action in actions)
        {
            result = Apply(result, action);
        }

        return result;
    }

    /// <summary>The snapshot after one action.</summary>
    public static ClusterSnapshot Apply(ClusterSnapshot snapshot, ClusterAction action)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(action);
        return action switch
        {
            StartGuestAction a => SetRunning(snapshot, a.Guest.VmId, running: true),
            ShutdownGuestAction a => SetRunning(snapshot, a.Guest.VmId, running: false),
            StopGuestAction a => SetRunning(snapshot, a.Guest.VmId, running: false),
            MigrateGuestAction a => Move(snapshot, a.Guest.VmId, a.TargetNode),
            CloneGuestAction a => Clone(snapshot, a),
            CreateContainerAction a => Add(snapshot, new GuestState
            {
                VmId = a.VmId,
                Name = a.Hostname,
                Type = GuestType.Lxc,
                Node = a.Node,
                Status = a.Start ? "running" : "stopped",
                MaxCpu = a.Cores,
                MaxMemory = a.MemoryMb * Mib,
                Memory = a.Start ? a.MemoryMb * Mib : 0,
            }),
            DeleteGuestAction a => Remove(snapshot, a.Guest.VmId),
            WakeNodeAction a => Wake(snapshot, a.Node),

            // Snapshots, GPU assignment and inference tasks change nothing the snapshot shows; a reboot ends where it began.
            _ => snapshot,
        };
    }

    private const long Mib = 1024L * 1024;

    private static ClusterSnapshot SetRunning(ClusterSnapshot snapshot, int vmId, bool running)
    {
        var guest = snapshot.FindGuest(vmId);
        if (guest is null || guest.IsRunning == running)
        {
            return snapshot;
        }

        var memory = running ? guest.MaxMemory : 0;
        var delta = running ? guest.MaxMemory : -guest.Memory;
        var updated = guest with { Status = running ? "running" : "stopped", Memory = memory, Cpu = running ? guest.Cpu : 0 };
        var result = WithNode(ReplaceGuest(snapshot, updated), guest.Node, n => n with { Memory = Math.Max(0, n.Memory + delta) });

        // A service hosted by the guest comes and goes with it, which is what the router needs to see.
        var online = result.FindNode(guest.Node)?.Status == NodeStatus.Online;
        return result with
        {
            Services = [.. result.Services.Select(s => s.Config.Guest != vmId ? s
                : running ? s with { Reachable = online, Error = online ? null : s.Error }
                : s with { Reachable = false, Loaded = [], RequestsRunning = null, RequestsWaiting = null, Error = $"guest {vmId} is stopped" })],
        };
    }

    private static ClusterSnapshot Wake(ClusterSnapshot snapshot, string node)
    {
        var woken = WithNode(snapshot, node, n => n with { Status = NodeStatus.Online });
        bool GuestRuns(ServiceState s) => s.Config.Guest is not { } id || woken.FindGuest(id) is not { } g || g.IsRunning;
        return woken with
        {
            Services = [.. woken.Services.Select(s => string.Equals(s.Node, node, StringComparison.OrdinalIgnoreCase) && GuestRuns(s)
                ? s with { Reachable = true, Error = null }
                : s)],
        };
    }

    private static ClusterSnapshot Move(ClusterSnapshot snapshot, int vmId, string target)
    {
        var guest = snapshot.FindGuest(vmId);
        if (guest is null || string.Equals(guest.Node, target, StringComparison.OrdinalIgnoreCase))
        {
            return snapshot;
        }

        var moved = ReplaceGuest(snapshot, guest with { Node = snapshot.FindNode(target)?.Name ?? target });
        if (!guest.IsRunning)
        {
            return moved;
        }

        moved = WithNode(moved, guest.Node, n => n with { Memory = Math.Max(0, n.Memory - guest.Memory) });
        return WithNode(moved, target, n => n with { Memory = n.Memory + guest.MaxMemory });
    }

    private static ClusterSnapshot Clone(ClusterSnapshot snapshot, CloneGuestAction clone)
    {
        var source = snapshot.FindGuest(clone.Source.VmId);
        return Add(snapshot, new GuestState
        {
            VmId = clone.NewVmId,
            Name = clone.Name ?? "",
            Type = clone.Source.Type,
            Node = clone.TargetNode ?? source?.Node ?? clone.Source.Node,
            Status = "stopped",
            MaxCpu = source?.MaxCpu ?? 0,
            MaxMemory = source?.MaxMemory ?? 0,
            Tags = source?.Tags ?? [],
        });
    }

    private static ClusterSnapshot Add(ClusterSnapshot snapshot, GuestState guest)
    {
        if (snapshot.FindGuest(guest.VmId) is not null)
        {
            return snapshot;
        }

        var added = snapshot with { Guests = [.. snapshot.Guests.Append(guest).OrderBy(g => g.VmId)] };
        return guest.IsRunning ? WithNode(added, guest.Node, n => n with { Memory = n.Memory + guest.MaxMemory }) : added;
    }

    private static ClusterSnapshot Remove(ClusterSnapshot snapshot, int vmId)
    {
        var guest = snapshot.FindGuest(vmId);
        if (guest is null)
        {
            return snapshot;
        }

        var removed = snapshot with { Guests = [.. snapshot.Guests.Where(g => g.VmId != vmId)] };
        return guest.IsRunning ? WithNode(removed, guest.Node, n => n with { Memory = Math.Max(0, n.Memory - guest.Memory) }) : removed;
    }

    private static ClusterSnapshot ReplaceGuest(ClusterSnapshot snapshot, GuestState guest) =>
        snapshot with { Guests = [.. snapshot.Guests.Select(g => g.VmId == guest.VmId ? guest : g)] };

    private static ClusterSnapshot WithNode(ClusterSnapshot snapshot, string name, Func<NodeState, NodeState> change) =>
        snapshot with { Nodes = [.. snapshot.Nodes.Select(n => string.Equals(n.Name, name, StringComparison.OrdinalIgnoreCase) ? change(n) : n)] };
}
