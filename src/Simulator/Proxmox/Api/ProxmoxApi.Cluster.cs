using System.Globalization;
using System.Text.Json.Nodes;
using PveAgent.Simulator.Proxmox.Model;

namespace PveAgent.Simulator.Proxmox.Api;

internal static partial class ProxmoxApi
{
    /// <summary>pve-manager 9.1.2; the repoid is the real prefix of that release commit.</summary>
    private const string PveVersion = "9.1.2";
    private const string PveRepoId = "9d436f37a0ac4172";

    private static readonly string[] Privileges =
    [
        "Datastore.Audit", "Datastore.AllocateSpace", "Mapping.Audit", "Mapping.Use", "Pool.Audit", "SDN.Audit", "SDN.Use",
        "Sys.Audit", "Sys.PowerMgmt", "VM.Allocate", "VM.Audit", "VM.Backup", "VM.Clone", "VM.Config.CDROM", "VM.Config.CPU",
        "VM.Config.Cloudinit", "VM.Config.Disk", "VM.Config.HWType", "VM.Config.Memory", "VM.Config.Network",
        "VM.Config.Options", "VM.Console", "VM.Migrate", "VM.PowerMgmt", "VM.Snapshot", "VM.Snapshot.Rollback",
    ];

    private static readonly string[] PermissionPaths = ["/", "/nodes", "/vms", "/storage", "/mapping/pci", "/sdn"];

    private static ApiResult Version(ApiCall call) =>
        new(new JsonObject { ["version"] = PveVersion, ["release"] = "9.1", ["repoid"] = PveRepoId });

    private static ApiResult ClusterStatus(ApiCall call)
    {
        var online = call.World.Nodes.Count(n => n.Online);
        var list = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "cluster",
                ["id"] = "cluster",
                ["name"] = call.World.ClusterName,
                ["nodes"] = call.World.Nodes.Count,
                ["quorate"] = Json.Bit(online * 2 > call.World.Nodes.Count),
                ["version"] = call.World.Nodes.Count + 2,
            },
        };
        foreach (var node in call.World.Nodes)
        {
            list.Add(new JsonObject
            {
                ["type"] = "node",
                ["id"] = $"node/{node.Name}",
                ["name"] = node.Name,
                ["nodeid"] = node.NodeId,
                ["ip"] = node.Host,
                ["online"] = Json.Bit(node.Online),
                ["local"] = Json.Bit(node == call.LocalNode),
                ["level"] = "",
            });
        }

        return new(list);
    }

    private static ApiResult ClusterResources(ApiCall call)
    {
        var type = call.Str("type");
        var list = new JsonArray();
        var metrics = new Metrics(call.Cluster);
        if (type is null or "vm")
        {
            foreach (var guest in call.World.Guests.OrderBy(g => g.VmId))
            {
                list.Add(GuestResource(call, metrics, guest));
            }
        }

        if (type is null or "node")
        {
            foreach (var node in call.World.Nodes)
            {
                list.Add(NodeResource(metrics, node, call.Now, forNodesIndex: false));
            }
        }

        if (type is null or "storage")
        {
            foreach (var node in call.World.Nodes)
            {
                foreach (var storage in call.World.Storages.Where(s => s.Nodes.Count == 0 || s.Nodes.Contains(node.Name)))
                {
                    list.Add(StorageResource(node, storage));
                }
            }
        }

        if (type is null or "sdn")
        {
            foreach (var node in call.World.Nodes)
            {
                list.Add(new JsonObject
                {
                    ["id"] = $"sdn/{node.Name}/localnetwork",
                    ["sdn"] = "localnetwork",
                    ["node"] = node.Name,
                    ["type"] = "sdn",
                    ["status"] = node.Online ? "ok" : "unknown",
                });
            }
        }

        if (type is null)
        {
            // Pools only appear unfiltered: the type filter accepts vm|storage|node|sdn (mgr:API2/Cluster.pm).
            foreach (var pool in call.World.Pools)
            {
                list.Add(new JsonObject { ["id"] = $"/pool/{pool.PoolId}", ["pool"] = pool.PoolId, ["type"] = "pool" });
            }
        }

        return new(list);
    }

    private static JsonObject GuestResource(ApiCall call, Metrics metrics, SimGuest guest)
    {
        var node = call.World.FindNode(guest.Node)!;
        var entry = new JsonObject
        {
            ["id"] = $"{guest.Type}/{guest.VmId}",
            ["type"] = guest.Type,
            ["vmid"] = guest.VmId,
            ["name"] = guest.Name,
            ["node"] = guest.Node,
            ["template"] = Json.Bit(guest.Template),
        };
        if (!node.Online)
        {
            // Filled from the RRD broadcast, which an offline node does not send (mgr:API2Tools.pm extract_vm_stats).
            entry["status"] = "unknown";
        }
        else
        {
            var running = guest.Running;
            entry["status"] = running ? "running" : "stopped";
            entry["cpu"] = metrics.GuestCpu(guest, call.Now);
            entry["maxcpu"] = GuestMath.Cpus(guest, node.Threads);
            entry["mem"] = metrics.GuestMem(guest, call.Now);
            entry["maxmem"] = GuestMath.MemoryBytes(guest);
            entry["disk"] = guest.IsQemu ? 0 : GuestDiskUsed(guest, call.Seed);
            entry["maxdisk"] = GuestMath.DiskBytes(guest);
            entry["netin"] = metrics.GuestCounter(guest, "netin", call.Now, 2_000, 400_000);
            entry["netout"] = metrics.GuestCounter(guest, "netout", call.Now, 1_000, 120_000);
            entry["diskread"] = metrics.GuestCounter(guest, "diskread", call.Now, 500, 60_000);
            entry["diskwrite"] = metrics.GuestCounter(guest, "diskwrite", call.Now, 800, 90_000);
            entry["uptime"] = metrics.GuestUptime(guest, call.Now);
        }

        entry.PutString("tags", guest.Tags).PutString("lock", guest.Lock);
        if (call.World.Pools.FirstOrDefault(p => p.VmIds.Contains(guest.VmId)) is { } pool)
        {
            entry["pool"] = pool.PoolId;
        }

        return entry;
    }

    private static long GuestDiskUsed(SimGuest guest, int seed) =>
        (long)(GuestMath.DiskBytes(guest) * (0.18 + (DeterministicNoise.Unit(seed, $"ct-disk/{guest.VmId}") * 0.3))) / 4096 * 4096;

    private static JsonObject NodeResource(Metrics metrics, SimNode node, DateTimeOffset at, bool forNodesIndex)
    {
        var entry = new JsonObject
        {
            ["id"] = $"node/{node.Name}",
            ["type"] = "node",
            ["node"] = node.Name,
            ["status"] = node.Online ? "online" : "offline",
            ["level"] = "",
        };
        if (node.Online)
        {
            entry["cpu"] = metrics.NodeCpu(node, at);
            entry["maxcpu"] = node.Threads;
            entry["mem"] = metrics.NodeMemUsed(node, at);
            entry["maxmem"] = node.MemoryBytes;
            entry["disk"] = metrics.NodeRootUsed(node, at);
            entry["maxdisk"] = node.RootfsBytes;
            entry["uptime"] = Metrics.NodeUptime(node, at);
            if (!forNodesIndex)
            {
                entry["cgroup-mode"] = 2;
            }
        }

        if (forNodesIndex)
        {
            entry["ssl_fingerprint"] = node.SslFingerprint;
        }

        return entry;
    }

    private static JsonObject StorageResource(SimNode node, SimStorage storage)
    {
        var entry = new JsonObject
        {
            ["id"] = $"storage/{node.Name}/{storage.Id}",
            ["storage"] = storage.Id,
            ["node"] = node.Name,
            ["type"] = "storage",
            ["status"] = node.Online ? "available" : "unknown",
            ["plugintype"] = storage.Type,
            ["content"] = storage.Content,
            ["shared"] = Json.Bit(storage.Shared),
        };
        if (node.Online)
        {
            entry["disk"] = storage.UsedBytes.GetValueOrDefault(node.Name);
            entry["maxdisk"] = storage.TotalBytes.GetValueOrDefault(node.Name);
        }

        return entry;
    }

    private static ApiResult ClusterTasks(ApiCall call)
    {
        var list = new JsonArray();
        foreach (var task in call.World.Tasks.OrderByDescending(t => t.StartedAt).Take(100))
        {
            var entry = TaskHeader(task);
            if (task.Finished)
            {
                entry["endtime"] = task.EndsAt.ToUnixTimeSeconds();
                entry["status"] = task.ExitStatus;
            }

            list.Add(entry);
        }

        return new(list);
    }

    /// <summary>UPID fields as the status call and the task list show them (a token user split into user + tokenid).</summary>
    private static JsonObject TaskHeader(SimTask task)
    {
        var entry = new JsonObject
        {
            ["upid"] = task.Upid,
            ["node"] = task.Node,
            ["pid"] = task.Pid,
            ["pstart"] = task.PStart,
            ["starttime"] = task.StartTime,
            ["type"] = task.Type,
            ["id"] = task.Id,
        };
        var bang = task.User.IndexOf('!', StringComparison.Ordinal);
        if (bang > 0)
        {
            entry["user"] = task.User[..bang];
            entry["tokenid"] = task.User[(bang + 1)..];
        }
        else
        {
            entry["user"] = task.User;
        }

        return entry;
    }

    private static ApiResult NextId(ApiCall call)
    {
        if (call.Int("vmid") is { } wanted)
        {
            if (call.World.FindGuest(wanted) is not null)
            {
                throw PveApiException.Parameter("vmid", $"VM {wanted} already exists");
            }

            // The handler returns the value it was given, a string (NOTES §4).
            return new(JsonValue.Create(wanted.ToString(CultureInfo.InvariantCulture)));
        }

        return new(JsonValue.Create(WorldSeeder.FreeId(call.World, 100).ToString(CultureInfo.InvariantCulture)));
    }

    private static ApiResult PciMappings(ApiCall call)
    {
        var checkNode = call.Str("check-node");
        var list = new JsonArray();
        foreach (var mapping in call.World.PciMappings)
        {
            var entry = MappingJson(mapping);
            if (checkNode is not null)
            {
                var checks = new JsonArray();
                if (!mapping.Map.Any(m => m.StartsWith($"node={checkNode},", StringComparison.Ordinal)))
                {
                    checks.Add(new JsonObject { ["severity"] = "warning", ["message"] = $"No mapping for node '{checkNode}'" });
                }

                entry["checks"] = checks;
            }

            list.Add(entry);
        }

        return new(list);
    }

    private static ApiResult PciMapping(ApiCall call)
    {
        var id = call.Str("id")!;
        var mapping = call.World.PciMappings.FirstOrDefault(m => m.Id == id)
            ?? throw PveApiException.Fail($"PCI mapping '{id}' does not exist");
        var entry = MappingJson(mapping);
        entry.Remove("id");
        return new(entry);
    }

    private static JsonObject MappingJson(SimPciMapping mapping)
    {
        var entry = new JsonObject
        {
            ["id"] = mapping.Id,
            ["description"] = mapping.Description,
            ["map"] = Json.Strings(mapping.Map),
        };
        if (mapping.LiveMigrationCapable)
        {
            entry["live-migration-capable"] = 1;
        }

        return entry;
    }

    private static ApiResult HaResources(ApiCall call) => new(new JsonArray());

    private static ApiResult Permissions(ApiCall call)
    {
        var userId = call.Str("userid");
        if (userId is not null && userId != call.TokenId)
        {
            return new(new JsonObject());
        }

        var result = new JsonObject();
        foreach (var path in PermissionPaths.Concat(call.World.Pools.Select(p => $"/pool/{p.PoolId}")))
        {
            if (call.Str("path") is { } only && only != path)
            {
                continue;
            }

            var privileges = new JsonObject();
            foreach (var privilege in Privileges)
            {
                privileges[privilege] = 1;
            }

            result[path] = privileges;
        }

        return new(result);
    }

    private static ApiResult Pools(ApiCall call)
    {
        var wanted = call.Str("poolid");
        var type = call.Str("type");
        var list = new JsonArray();
        foreach (var pool in call.World.Pools.Where(p => wanted is null || p.PoolId == wanted))
        {
            var entry = new JsonObject { ["poolid"] = pool.PoolId }.PutString("comment", pool.Comment);
            if (wanted is not null)
            {
                var members = new JsonArray();
                foreach (var guest in pool.VmIds.Select(call.World.FindGuest).OfType<SimGuest>())
                {
                    if (type is not null && type != guest.Type)
                    {
                        continue;
                    }

                    members.Add(new JsonObject
                    {
                        ["id"] = $"{guest.Type}/{guest.VmId}",
                        ["node"] = guest.Node,
                        ["type"] = guest.Type,
                        ["vmid"] = guest.VmId,
                        ["name"] = guest.Name,
                        ["status"] = call.World.FindNode(guest.Node)!.Online ? (guest.Running ? "running" : "stopped") : "unknown",
                    });
                }

                entry["members"] = members;
            }

            list.Add(entry);
        }

        if (wanted is not null && list.Count == 0)
        {
            throw PveApiException.Fail($"pool '{wanted}' does not exist");
        }

        return new(list);
    }
}
