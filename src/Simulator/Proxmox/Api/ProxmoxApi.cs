using System.Collections.Frozen;
using PveAgent.Simulator.Proxmox.Model;

namespace PveAgent.Simulator.Proxmox.Api;

/// <summary>The handlers of the simulated PVE API, keyed like <see cref="Schema.ApiEndpoint.Key"/> (<c>GET /nodes/{node}/status</c>).</summary>
internal static partial class ProxmoxApi
{
    /// <summary>Handler per endpoint key.</summary>
    public static FrozenDictionary<string, Func<ApiCall, ApiResult>> Handlers { get; } = BuildHandlers().ToFrozenDictionary(StringComparer.Ordinal);

    private static Dictionary<string, Func<ApiCall, ApiResult>> BuildHandlers()
    {
        var handlers = new Dictionary<string, Func<ApiCall, ApiResult>>(StringComparer.Ordinal)
        {
            ["GET /version"] = Version,
            ["GET /cluster/status"] = ClusterStatus,
            ["GET /cluster/resources"] = ClusterResources,
            ["GET /cluster/tasks"] = ClusterTasks,
            ["GET /cluster/nextid"] = NextId,
            ["GET /cluster/mapping/pci"] = PciMappings,
            ["GET /cluster/mapping/pci/{id}"] = PciMapping,
            ["GET /cluster/ha/resources"] = HaResources,
            ["GET /nodes"] = Nodes,
            ["GET /nodes/{node}/status"] = NodeStatus,
            ["GET /nodes/{node}/rrddata"] = NodeRrdData,
            ["GET /nodes/{node}/storage"] = NodeStorage,
            ["POST /nodes/{node}/wakeonlan"] = WakeOnLan,
            ["GET /nodes/{node}/hardware/pci"] = PciScan,
            ["GET /nodes/{node}/hardware/pci/{pci-id-or-mapping}"] = PciIndex,
            ["GET /nodes/{node}/hardware/pci/{pci-id-or-mapping}/mdev"] = PciMdev,
            ["GET /nodes/{node}/tasks/{upid}/status"] = TaskStatus,
            ["GET /nodes/{node}/tasks/{upid}/log"] = TaskLog,
            ["GET /access/permissions"] = Permissions,
            ["GET /pools"] = Pools,
        };

        foreach (var type in new[] { "qemu", "lxc" })
        {
            var prefix = $"/nodes/{{node}}/{type}";
            handlers[$"GET {prefix}"] = call => GuestList(call, type);
            handlers[$"POST {prefix}"] = call => CreateGuest(call, type);
            handlers[$"DELETE {prefix}/{{vmid}}"] = call => DestroyGuest(call, type);
            handlers[$"GET {prefix}/{{vmid}}/status/current"] = call => GuestStatus(call, type);
            handlers[$"POST {prefix}/{{vmid}}/status/start"] = call => StartGuest(call, type);
            handlers[$"POST {prefix}/{{vmid}}/status/stop"] = call => StopGuest(call, type);
            handlers[$"POST {prefix}/{{vmid}}/status/shutdown"] = call => ShutdownGuest(call, type);
            handlers[$"POST {prefix}/{{vmid}}/status/reboot"] = call => RebootGuest(call, type);
            handlers[$"POST {prefix}/{{vmid}}/status/suspend"] = call => SuspendGuest(call, type);
            handlers[$"POST {prefix}/{{vmid}}/status/resume"] = call => ResumeGuest(call, type);
            handlers[$"GET {prefix}/{{vmid}}/config"] = call => GetConfig(call, type);
            handlers[$"PUT {prefix}/{{vmid}}/config"] = call => SetConfig(call, type, asynchronous: false);
            handlers[$"GET {prefix}/{{vmid}}/migrate"] = call => MigratePrecondition(call, type);
            handlers[$"POST {prefix}/{{vmid}}/migrate"] = call => Migrate(call, type);
            handlers[$"POST {prefix}/{{vmid}}/clone"] = call => Clone(call, type);
            handlers[$"GET {prefix}/{{vmid}}/snapshot"] = call => SnapshotList(call, type);
            handlers[$"POST {prefix}/{{vmid}}/snapshot"] = call => CreateSnapshot(call, type);
            handlers[$"DELETE {prefix}/{{vmid}}/snapshot/{{snapname}}"] = call => DeleteSnapshot(call, type);
            handlers[$"POST {prefix}/{{vmid}}/snapshot/{{snapname}}/rollback"] = call => Rollback(call, type);
        }

        handlers["POST /nodes/{node}/qemu/{vmid}/config"] = call => SetConfig(call, "qemu", asynchronous: true);
        return handlers;
    }

    /// <summary>The guest named by the path, or PVE's "does not exist" error.</summary>
    private static SimGuest LoadGuest(ApiCall call, string type)
    {
        var guest = call.World.FindGuest(call.VmId);
        if (guest is null || guest.Type != type || guest.Node != call.Node)
        {
            var dir = type == "qemu" ? "qemu-server" : "lxc";
            throw PveApiException.Fail($"Configuration file 'nodes/{call.Node}/{dir}/{call.VmId}.conf' does not exist");
        }

        return guest;
    }

    /// <summary>PVE's check_lock plus the per-guest config flock a running worker holds.</summary>
    private static void CheckLock(ApiCall call, SimGuest guest)
    {
        if (guest.Lock is { } held)
        {
            throw PveApiException.Fail($"{guest.Kind} is locked ({held})");
        }

        if (call.Cluster.ActiveTaskOn(guest.VmId) is not null)
        {
            // Real PVE waits 10 s for the flock and then gives up; the simulator answers at once.
            var file = guest.IsQemu ? $"/var/lock/qemu-server/lock-{guest.VmId}.conf" : $"/run/lock/lxc/pve-config-{guest.VmId}.lock";
            throw PveApiException.Fail($"can't lock file '{file}' - got timeout");
        }
    }

    private static SimNode NodeOf(ApiCall call, string name) =>
        call.World.FindNode(name) ?? throw PveApiException.Fail($"no such cluster node '{name}'");

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
