using System.ComponentModel;
using PveAgent.Core.Plans;
using PveAgent.Core.State;

namespace PveAgent.Plugins;

/// <content>Power and placement: start, shutdown, stop, reboot, migrate, wake.</content>
public sealed partial class ProxmoxPlugin
{
    /// <summary>Queues starting a stopped guest.</summary>
    [Tool("start_guest", ToolEffect.Write, Title = "Start guest", Idempotent = true)]
    [Description("Start a stopped guest.")]
    public async Task<ToolResult> StartGuestAsync(string guest, CancellationToken cancellationToken = default)
    {
        var (projected, found, error) = await WriteTargetAsync(guest, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (found.Template)
        {
            return new ToolError($"{Facts.Label(found)} is a template and cannot start: clone it first (clone_guest).");
        }

        if (found.IsRunning)
        {
            return new ToolError($"{Facts.Label(found)} is already running{Queued(found.VmId)}; nothing to do.");
        }

        if (NodeDown(projected, found) is { } down)
        {
            return down;
        }

        var target = Facts.Ref(found);
        return new ProposedStep
        {
            Action = new StartGuestAction(target),
            Rationale = $"start {target} on {found.Node}",
            Preconditions = [new GuestOnNodePrecondition(target, found.Node), new GuestStatusPrecondition(target, "stopped"), new GuestUnlockedPrecondition(target), new NodeStatusPrecondition(found.Node, NodeStatus.Online)],
            Compensation = new ShutdownGuestAction(target),
        };
    }

    /// <summary>Queues a clean shutdown.</summary>
    [Tool("shutdown_guest", ToolEffect.Disruptive, Title = "Shut down guest", Idempotent = true)]
    [Description("Clean shutdown (ACPI / init).")]
    public async Task<ToolResult> ShutdownGuestAsync(
        string guest,
        [Description("Seconds, 10-3600.")] int? timeout = null,
        [Description("Hard-stop after the timeout.")] bool? force = null,
        CancellationToken cancellationToken = default)
    {
        if (timeout is < 10 or > 3600)
        {
            return new ToolError($"timeout is {timeout} s; give 10 to 3600 seconds, or leave it out.");
        }

        if (force == true && timeout is null)
        {
            return new ToolError("force needs a timeout: say how many seconds to wait before the hard stop.");
        }

        var (projected, found, error) = await RunningTargetAsync(guest, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var target = Facts.Ref(found);
        return new ProposedStep
        {
            Action = new ShutdownGuestAction(target, timeout, force == true),
            Rationale = $"shut down {target} on {found.Node}{HostedServices(found)}",
            Preconditions = RunningFacts(target, found),
            Compensation = new StartGuestAction(target),
        };
    }

    /// <summary>Queues a hard stop.</summary>
    [Tool("stop_guest", ToolEffect.Disruptive, Title = "Stop guest", Idempotent = true)]
    [Description("Power off at once (no clean shutdown).")]
    public async Task<ToolResult> StopGuestAsync(string guest, CancellationToken cancellationToken = default)
    {
        var (_, found, error) = await RunningTargetAsync(guest, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var target = Facts.Ref(found);
        return new ProposedStep
        {
            Action = new StopGuestAction(target),
            Rationale = $"hard-stop {target} on {found.Node}{HostedServices(found)}",
            Preconditions = RunningFacts(target, found),
            Compensation = new StartGuestAction(target),
        };
    }

    /// <summary>Queues a reboot.</summary>
    [Tool("reboot_guest", ToolEffect.Disruptive, Title = "Reboot guest")]
    [Description("Reboot a running guest.")]
    public async Task<ToolResult> RebootGuestAsync(string guest, CancellationToken cancellationToken = default)
    {
        var (_, found, error) = await RunningTargetAsync(guest, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var target = Facts.Ref(found);
        return new ProposedStep
        {
            Action = new RebootGuestAction(target),
            Rationale = $"reboot {target} on {found.Node}",
            Preconditions = RunningFacts(target, found),
        };
    }

    /// <summary>Queues moving a guest to another node.</summary>
    // Declared disruptive: the most it can do (a running container restarts); each step carries its own effect, a live VM move is a write.
    [Tool("migrate_guest", ToolEffect.Disruptive, Title = "Migrate guest", Idempotent = true)]
    [Description("Running VMs move live; running containers restart.")]
    public async Task<ToolResult> MigrateGuestAsync(
        string guest,
        [Description("Default: online node with most free memory.")] string? target = null,
        CancellationToken cancellationToken = default)
    {
        var (projected, found, error) = await WriteTargetAsync(guest, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (NodeDown(projected, found) is { } down)
        {
            return down;
        }

        var blockers = await MigrationBlockersAsync(found, cancellationToken).ConfigureAwait(false);
        if (blockers.Local.Count > 0)
        {
            return new ToolError($"{Facts.Label(found)} uses devices local to {found.Node} ({string.Join(", ", blockers.Local)}) and cannot migrate; remove them from its config first.");
        }

        var needed = found.IsRunning ? found.MaxMemory : 0;
        NodeState destination;
        var reason = "";
        if (target is not null)
        {
            if (!NodeResolver.TryResolve(projected, target, out destination, out var nodeError))
            {
                return nodeError;
            }

            if (string.Equals(destination.Name, found.Node, StringComparison.OrdinalIgnoreCase))
            {
                return new ToolError($"{Facts.Label(found)} is already on {found.Node}{Queued(found.VmId)}.");
            }

            if (destination.Status != NodeStatus.Online)
            {
                return new ToolError($"Target node {destination.Name} is {Facts.Status(destination.Status)}: {(destination.Status == NodeStatus.Asleep ? $"queue wake_node {destination.Name} first" : "pick an online node")}.");
            }

            if (blockers.NotAllowed.TryGetValue(destination.Name, out var why))
            {
                return new ToolError($"{Facts.Label(found)} cannot run on {destination.Name}: {why}.");
            }

            if (destination.FreeMemory < needed)
            {
                return new ToolError($"{destination.Name} has {Facts.Gib(destination.FreeMemory)} GiB free{AfterPlan()}, {Facts.Label(found)} needs {Facts.Gib(needed)} GiB; pick another node or free memory there first.");
            }
        }
        else
        {
            var candidates = projected.Nodes
                .Where(n => n.Status == NodeStatus.Online && !string.Equals(n.Name, found.Node, StringComparison.OrdinalIgnoreCase) && !blockers.NotAllowed.ContainsKey(n.Name))
                .OrderByDescending(n => n.FreeMemory)
                .ThenBy(n => n.Name, StringComparer.Ordinal)
                .ToList();
            if (candidates.Count == 0 || candidates[0].FreeMemory < needed)
            {
                return new ToolError($"No other online node can take {Facts.Label(found)}: it needs {Facts.Gib(needed)} GiB free; {(candidates.Count == 0 ? "no other node is online" : $"the most free is {Facts.Gib(candidates[0].FreeMemory)} GiB on {candidates[0].Name}")}.");
            }

            destination = candidates[0];
            reason = $" (most free memory: {Facts.Gib(destination.FreeMemory)} GiB{AfterPlan()})";
        }

        if (found.IsRunning && found.Type == GuestType.Qemu && blockers.NotLive.Count > 0)
        {
            return new ToolError($"{Facts.Label(found)} passes through {string.Join(", ", blockers.NotLive)}, which cannot migrate live; shut it down first (shutdown_guest), then migrate.");
        }

        var moved = Facts.Ref(found);
        var online = found.IsRunning && found.Type == GuestType.Qemu;
        var restart = found.IsRunning && found.Type == GuestType.Lxc;
        List<Precondition> facts =
        [
            new GuestOnNodePrecondition(moved, found.Node),
            new GuestStatusPrecondition(moved, found.IsRunning ? "running" : found.Status),
            new GuestUnlockedPrecondition(moved),
            new NodeStatusPrecondition(destination.Name, NodeStatus.Online),
        ];
        if (needed > 0)
        {
            facts.Add(new NodeFreeMemoryPrecondition(destination.Name, needed));
        }

        return new ProposedStep
        {
            Action = new MigrateGuestAction(moved, destination.Name, online, restart),
            Rationale = $"move {moved} from {found.Node} to {destination.Name}{reason}{(restart ? "; the container restarts" : "")}",
            Preconditions = facts,
            Compensation = new MigrateGuestAction(moved with { Node = destination.Name }, found.Node, online, restart),
        };
    }

    /// <summary>Queues waking a sleeping node.</summary>
    [Tool("wake_node", ToolEffect.Write, Title = "Wake node", Idempotent = true)]
    [Description("Wake-on-LAN, then wait until online.")]
    public async Task<ToolResult> WakeNodeAsync(string node, CancellationToken cancellationToken = default)
    {
        var projected = await _context.GetProjectedSnapshotAsync(cancellationToken).ConfigureAwait(false);
        if (!NodeResolver.TryResolve(projected, node, out var found, out var error))
        {
            return error;
        }

        if (found.Status == NodeStatus.Online)
        {
            return new ToolError($"Node {found.Name} is already online{(_context.PlannedActions.OfType<WakeNodeAction>().Any(w => w.Node == found.Name) ? " once the earlier steps ran" : "")}; nothing to do.");
        }

        var wol = found.Config?.WakeOnLan;
        if (wol is null)
        {
            return new ToolError($"Node {found.Name} has no wake_on_lan in cluster.yaml, so it cannot be woken remotely; add its MAC under nodes.{found.Name}.wake_on_lan.");
        }

        var via = wol.Via is { } configured
            ? projected.FindNode(configured)
            : projected.Nodes.FirstOrDefault(n => n.Status == NodeStatus.Online && n.Name != found.Name);
        if (via is null || via.Status != NodeStatus.Online)
        {
            return new ToolError($"No online node can send the wake-up packet for {found.Name}{(wol.Via is null ? "" : $" (wake_on_lan.via is {wol.Via})")}.");
        }

        return new ProposedStep
        {
            Action = new WakeNodeAction(found.Name, via.Name),
            Rationale = $"wake {found.Name} (boots in about {wol.BootSeconds:0} s)",
            Preconditions = [new NodeStatusPrecondition(found.Name, found.Status), new NodeStatusPrecondition(via.Name, NodeStatus.Online)],
        };
    }

    private async Task<(ClusterSnapshot Projected, GuestState Guest, ToolError? Error)> WriteTargetAsync(string guest, CancellationToken cancellationToken)
    {
        var projected = await _context.GetProjectedSnapshotAsync(cancellationToken).ConfigureAwait(false);
        if (!GuestResolver.TryResolve(projected, guest, out var found, out var error))
        {
            return (projected, null!, error);
        }

        return found.Lock is { } held
            ? (projected, found, new ToolError($"{Facts.Label(found)} is locked ({held}): wait until that operation ends."))
            : (projected, found, null);
    }

    private async Task<(ClusterSnapshot Projected, GuestState Guest, ToolError? Error)> RunningTargetAsync(string guest, CancellationToken cancellationToken)
    {
        var (projected, found, error) = await WriteTargetAsync(guest, cancellationToken).ConfigureAwait(false);
        if (error is null && !found.IsRunning)
        {
            error = new ToolError($"{Facts.Label(found)} is {found.Status}{Queued(found.VmId)}, not running; nothing to do.");
        }

        return (projected, found, error ?? NodeDown(projected, found));
    }

    private static List<Precondition> RunningFacts(GuestRef target, GuestState guest) =>
        [new GuestOnNodePrecondition(target, guest.Node), new GuestStatusPrecondition(target, "running"), new GuestUnlockedPrecondition(target)];

    private static ToolError? NodeDown(ClusterSnapshot projected, GuestState guest) =>
        projected.FindNode(guest.Node) is { Status: not NodeStatus.Online } node
            ? new ToolError($"{Facts.Label(guest)} is on {node.Name}, which is {Facts.Status(node.Status)}{(node.Status == NodeStatus.Asleep ? $": queue wake_node {node.Name} first" : "")}.")
            : null;

    /// <summary>" once the steps queued so far ran", when some step of the session touched the guest.</summary>
    private string Queued(int vmId) =>
        _context.PlannedActions.Any(a => Touches(a, vmId)) ? " once the earlier steps ran" : "";

    private string AfterPlan() => _context.PlannedActions.Count > 0 ? " after the earlier steps" : "";

    private string HostedServices(GuestState guest)
    {
        var services = _context.Config.Nodes.SelectMany(n => n.Services.Where(s => s.Guest == guest.VmId)).Select(s => s.Name).Distinct().ToList();
        return services.Count == 0 ? "" : $"; this stops the {string.Join(", ", services)} service{(services.Count > 1 ? "s" : "")}";
    }

    private static bool Touches(ClusterAction action, int vmId) => action switch
    {
        StartGuestAction a => a.Guest.VmId == vmId,
        ShutdownGuestAction a => a.Guest.VmId == vmId,
        StopGuestAction a => a.Guest.VmId == vmId,
        MigrateGuestAction a => a.Guest.VmId == vmId,
        _ => false,
    };

    /// <summary>What keeps a guest where it is: local devices, nodes lacking its mapped devices, mapped devices that cannot move live.</summary>
    private async Task<(List<string> Local, Dictionary<string, string> NotAllowed, List<string> NotLive)> MigrationBlockersAsync(GuestState guest, CancellationToken cancellationToken)
    {
        var notAllowed = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var current = await _context.GetSnapshotAsync(false, cancellationToken).ConfigureAwait(false);
        if (current.FindGuest(guest.VmId) is not { } actual)
        {
            // Created by an earlier step of this plan: nothing to ask the cluster about yet.
            return ([], notAllowed, []);
        }

        var config = await _context.Proxmox.GetGuestConfigAsync(actual.Node, actual.Type, actual.VmId, cancellationToken).ConfigureAwait(false);
        if (actual.Type == GuestType.Lxc)
        {
            return (Facts.LocalDevices(config), notAllowed, []);
        }

        var check = await _context.Proxmox.GetMigratePreconditionAsync(actual.Node, actual.Type, actual.VmId, null, cancellationToken).ConfigureAwait(false);
        foreach (var (node, blockers) in check.NotAllowedNodes)
        {
            notAllowed[node] = string.Join("; ", blockers.UnavailableResources.Select(r => $"mapping {r} has no device there")
                .Concat(blockers.UnavailableStorages.Select(s => $"storage {s} is not available there")));
        }

        var local = check.LocalResources.Select(key => config.Get(key) is { } value ? $"{key}={value.Split(',')[0]}" : key).ToList();
        var notLive = check.MappedResources.Where(key => !(check.MappedResourceInfo.TryGetValue(key, out var info) && info.LiveMigration)).ToList();
        return (local, notAllowed, notLive);
    }
}
