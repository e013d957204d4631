using System.Globalization;
using System.Text.Json.Nodes;
using PveAgent.Simulator.Proxmox.Model;

namespace PveAgent.Simulator.Proxmox.Api;

internal static partial class ProxmoxApi
{
    private static ApiResult SnapshotList(ApiCall call, string type)
    {
        var guest = LoadGuest(call, type);
        var list = new JsonArray();
        foreach (var snapshot in guest.Snapshots)
        {
            var entry = new JsonObject
            {
                ["name"] = snapshot.Name,
                ["description"] = snapshot.Description,
                ["snaptime"] = snapshot.SnapTime,
            };
            if (guest.IsQemu)
            {
                entry["vmstate"] = Json.Bit(snapshot.VmState);
            }

            list.Add(entry.PutString("parent", snapshot.Parent));
        }

        var current = new JsonObject
        {
            ["name"] = "current",
            ["description"] = "You are here!",
            ["digest"] = ConfigEditor.Digest(guest),
            ["running"] = Json.Bit(guest.Running),
        };
        list.Add(current.PutString("parent", guest.Config.GetValueOrDefault("parent")));
        return new(list);
    }

    private static ApiResult CreateSnapshot(ApiCall call, string type)
    {
        var guest = LoadGuest(call, type);
        var name = call.Str("snapname")!;
        if (name == "current")
        {
            throw PveApiException.Fail("snapshot name 'current' is reserved");
        }

        if (guest.Snapshots.Any(s => s.Name == name))
        {
            throw PveApiException.Fail($"snapshot name '{name}' already used");
        }

        CheckLock(call, guest);
        var vmstate = guest.IsQemu && guest.Running && call.Bool("vmstate");
        var memoryGiB = GuestMath.MemoryBytes(guest) / GiB;
        var taskType = guest.IsQemu ? "qmsnapshot" : "vzsnapshot";
        var seconds = TaskDurations.Seconds(taskType) + (vmstate ? memoryGiB * TaskDurations.VmStatePerGiBRam : 0);
        var log = new List<SimLogLine>();
        if (vmstate)
        {
            log.Add(new(0, "saving VM state and RAM using storage 'local-lvm'"));
            log.Add(new(seconds - 1.5, $"completed saving the VM state in {(int)(seconds - 2)}s, saved {memoryGiB * 0.6:0.00} GiB"));
        }

        foreach (var (key, volume, _) in GuestMath.Volumes(guest).Where(v => !guest.Config[v.Key].Contains("media=cdrom", StringComparison.Ordinal)))
        {
            var disk = volume.Split(':')[^1];
            log.Add(new(seconds - 1, guest.IsQemu ? $"snapshotting 'drive-{key}' ({volume})" : $"snapshotting '{key}' ({volume})"));
            log.Add(new(seconds - 0.5, $"  Logical volume \"snap_{disk}_{name}\" created."));
        }

        var effect = new SimTaskEffect
        {
            Action = SimTaskAction.Snapshot,
            VmId = guest.VmId,
            SnapName = name,
            Description = call.Str("description") ?? "",
            Flag = vmstate,
            HeldLock = "snapshot",
        };
        return StartTask(call, guest.Node, taskType, guest, TimeSpan.FromSeconds(seconds), effect, log);
    }

    private static ApiResult DeleteSnapshot(ApiCall call, string type)
    {
        var guest = LoadGuest(call, type);
        var snapshot = FindSnapshot(guest, call.Str("snapname")!);
        CheckLock(call, guest);
        var log = GuestMath.Volumes(guest)
            .Where(v => !guest.Config[v.Key].Contains("media=cdrom", StringComparison.Ordinal))
            .Select(v => new SimLogLine(1, $"  Logical volume \"snap_{v.VolId.Split(':')[^1]}_{snapshot.Name}\" successfully removed."))
            .ToList();
        var effect = new SimTaskEffect { Action = SimTaskAction.DeleteSnapshot, VmId = guest.VmId, SnapName = snapshot.Name, HeldLock = "snapshot-delete" };
        var taskType = guest.IsQemu ? "qmdelsnapshot" : "vzdelsnapshot";
        return StartTask(call, guest.Node, taskType, guest, TaskDurations.Of(taskType), effect, log);
    }

    private static ApiResult Rollback(ApiCall call, string type)
    {
        var guest = LoadGuest(call, type);
        var snapshot = FindSnapshot(guest, call.Str("snapname")!);
        CheckLock(call, guest);
        var log = new List<SimLogLine>();
        foreach (var (_, volume, _) in GuestMath.Volumes(guest).Where(v => !guest.Config[v.Key].Contains("media=cdrom", StringComparison.Ordinal)))
        {
            var disk = volume.Split(':')[^1];
            log.Add(new(0.5, $"  Logical volume \"{disk}\" successfully removed."));
            log.Add(new(1, "  WARNING: You have not turned on protection against thin pools running out of space."));
            log.Add(new(1, $"  Logical volume \"{disk}\" created."));
        }

        if (snapshot.VmState)
        {
            log.Add(new(2, $"resuming VM {guest.VmId} from saved state"));
        }

        var effect = new SimTaskEffect
        {
            Action = SimTaskAction.Rollback,
            VmId = guest.VmId,
            SnapName = snapshot.Name,
            Flag = call.Bool("start"),
            HeldLock = "rollback",
        };
        var taskType = guest.IsQemu ? "qmrollback" : "vzrollback";
        return StartTask(call, guest.Node, taskType, guest, TaskDurations.Of(taskType), effect, log);
    }

    private static SimSnapshot FindSnapshot(SimGuest guest, string name) =>
        guest.Snapshots.FirstOrDefault(s => s.Name == name) ?? throw PveApiException.Fail($"snapshot '{name}' does not exist");

    private static ApiResult Clone(ApiCall call, string type)
    {
        var source = LoadGuest(call, type);
        var newId = call.Int("newid")!.Value;
        if (call.World.FindGuest(newId) is { } existing)
        {
            throw PveApiException.Fail($"{existing.Kind} {newId} already exists on node '{existing.Node}'");
        }

        var targetName = call.Str("target") ?? source.Node;
        var target = NodeOf(call, targetName);
        var usesLocalStorage = GuestMath.Volumes(source).Any(v => v.VolId.StartsWith("local", StringComparison.Ordinal));
        if (target.Name != source.Node && usesLocalStorage)
        {
            throw PveApiException.Fail($"Can't clone to node '{target.Name}' - source {source.Kind} {source.VmId} uses local storage");
        }

        if (source.Lock is { } held)
        {
            throw PveApiException.Fail($"{source.Kind} is locked ({held})");
        }

        var poolId = call.Str("pool");
        var pool = poolId is null ? null : call.World.Pools.FirstOrDefault(p => p.PoolId == poolId)
            ?? throw PveApiException.Fail($"pool '{poolId}' does not exist");
        IReadOnlyDictionary<string, string> config = source.Config;
        if (call.Str("snapname") is { } snapname)
        {
            config = FindSnapshot(source, snapname).Config;
        }

        // Templates get linked clones unless full=1 is asked for; normal guests are always copied in full.
        var full = !source.Template || call.Bool("full");
        var clone = new SimGuest { VmId = newId, Type = type, Node = target.Name };
        var log = new List<SimLogLine>();
        var diskIndex = 0;
        var cloneType = type == "qemu" ? "qmclone" : "vzclone";
        var seconds = TaskDurations.Seconds(cloneType);
        foreach (var (key, value) in config.Where(kv => kv.Key is not ("lock" or "parent" or "template" or "snaptime" or "vmstate")))
        {
            if (GuestMath.IsDiskKey(key) && !value.Contains("media=cdrom", StringComparison.Ordinal) && value.Contains(':', StringComparison.Ordinal) && !value.StartsWith('/'))
            {
                var parts = value.Split(',', 2);
                var storage = parts[0].Split(':')[0];
                var oldVolume = parts[0].Split(':')[1];
                var newVolume = full ? $"vm-{newId}-disk-{diskIndex++}" : $"{oldVolume}/vm-{newId}-disk-{diskIndex++}";
                clone.Config[key] = $"{storage}:{newVolume}" + (parts.Length > 1 ? "," + parts[1] : "");
                var size = GuestMath.SizeOf(value);
                log.Add(new(0.5, $"create {(full ? "full" : "linked")} clone of drive {key} ({parts[0]})"));
                log.Add(new(1, $"  Logical volume \"{newVolume.Split('/')[^1]}\" created."));
                if (full)
                {
                    seconds += size / GiB * TaskDurations.FullClonePerGiBDisk;
                    log.Add(new(1.5, $"transferred 0.0 B of {size / GiB:0.0} GiB (0.00%)"));
                    log.Add(new(seconds - 1, $"transferred {size / GiB:0.0} GiB of {size / GiB:0.0} GiB (100.00%)"));
                }

                continue;
            }

            clone.Config[key] = value;
        }

        if (type == "qemu")
        {
            clone.Config["name"] = call.Str("name") ?? $"Copy-of-VM-{source.Name}";
            clone.Config["smbios1"] = $"uuid={WorldSeeder.NewGuid(call.Seed, $"smbios/{newId}/{call.Now.ToUnixTimeSeconds()}")}";
            clone.Config["vmgenid"] = WorldSeeder.NewGuid(call.Seed, $"vmgenid/{newId}/{call.Now.ToUnixTimeSeconds()}");
        }
        else
        {
            clone.Config["hostname"] = call.Str("hostname") ?? $"Copy-of-CT-{source.Name}";
        }

        foreach (var key in clone.Config.Keys.Where(k => k.StartsWith("net", StringComparison.Ordinal)).ToList())
        {
            clone.Config[key] = ReplaceMac(clone.Config[key], WorldSeeder.Mac(call.Seed, newId));
        }

        if (call.Str("description") is { } description)
        {
            clone.Config["description"] = description;
        }

        call.World.Guests.Add(clone);
        pool?.VmIds.Add(newId);
        var effect = new SimTaskEffect { Action = SimTaskAction.Create, VmId = newId, HeldLock = "clone" };
        var plan = new TaskPlan(source.Node, cloneType, source.VmId.ToString(CultureInfo.InvariantCulture), call.TokenId,
            TimeSpan.FromSeconds(seconds), effect, log);
        return new(JsonValue.Create(call.Cluster.StartTask(plan, call.Now).Upid));
    }

    private static string ReplaceMac(string net, string mac)
    {
        var parts = net.Split(',');
        for (var i = 0; i < parts.Length; i++)
        {
            var equals = parts[i].IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && parts[i][(equals + 1)..].Count(c => c == ':') == 5 && parts[i][..equals] is not ("bridge" or "ip" or "gw" or "name"))
            {
                parts[i] = parts[i][..(equals + 1)] + mac;
            }
        }

        return string.Join(',', parts);
    }
}
