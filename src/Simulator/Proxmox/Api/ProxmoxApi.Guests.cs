using System.Globalization;
using System.Text.Json.Nodes;
using PveAgent.Simulator.Proxmox.Model;
using PveAgent.Simulator.Proxmox.Schema;

namespace PveAgent.Simulator.Proxmox.Api;

internal static partial class ProxmoxApi
{
    // Parameters of create/config calls that steer the call rather than becoming configuration keys.
    private static readonly HashSet<string> NonConfigParameters = new(StringComparer.Ordinal)
    {
        "node", "vmid", "digest", "delete", "revert", "skiplock", "force", "background_delay", "start", "pool", "storage",
        "unique", "archive", "live-restore", "bwlimit", "import-working-storage", "ha-managed", "ostemplate", "password",
        "ssh-public-keys", "restore", "ignore-unpack-errors",
    };

    private static ApiResult GuestList(ApiCall call, string type)
    {
        var node = call.World.FindNode(call.Node)!;
        var metrics = new Metrics(call.Cluster);
        var list = new JsonArray();
        foreach (var guest in call.World.Guests.Where(g => g.Node == node.Name && g.Type == type).OrderBy(g => g.VmId))
        {
            var entry = GuestFigures(call, metrics, guest, node);
            if (type == "lxc")
            {
                entry["type"] = "lxc";
            }

            list.Add(entry);
        }

        return new(list);
    }

    /// <summary>The fields the guest list and status/current share.</summary>
    private static JsonObject GuestFigures(ApiCall call, Metrics metrics, SimGuest guest, SimNode node)
    {
        var running = guest.Running;
        var entry = new JsonObject
        {
            ["vmid"] = guest.VmId,
            ["name"] = guest.Name,
            ["status"] = running ? "running" : "stopped",
            ["cpus"] = GuestMath.Cpus(guest, node.Threads),
            ["cpu"] = metrics.GuestCpu(guest, call.Now),
            ["maxmem"] = GuestMath.MemoryBytes(guest),
            ["mem"] = metrics.GuestMem(guest, call.Now),
            ["maxdisk"] = GuestMath.DiskBytes(guest),
            ["disk"] = guest.IsQemu ? 0 : (running ? GuestDiskUsed(guest, call.Seed) : 0),
            ["netin"] = metrics.GuestCounter(guest, "netin", call.Now, 2_000, 400_000),
            ["netout"] = metrics.GuestCounter(guest, "netout", call.Now, 1_000, 120_000),
            ["diskread"] = metrics.GuestCounter(guest, "diskread", call.Now, 500, 60_000),
            ["diskwrite"] = metrics.GuestCounter(guest, "diskwrite", call.Now, 800, 90_000),
            ["uptime"] = metrics.GuestUptime(guest, call.Now),
        };
        if (!guest.IsQemu)
        {
            entry["maxswap"] = (long)(GuestMath.Int(guest.Config, "swap") ?? 512) * 1024 * 1024;
            entry["swap"] = 0;
        }

        if (running && guest.Pid is { } pid)
        {
            entry["pid"] = pid;
        }

        if (guest.Template)
        {
            entry["template"] = 1;
        }

        entry.PutString("tags", guest.Tags).PutString("lock", guest.Lock);
        return entry;
    }

    private static ApiResult GuestStatus(ApiCall call, string type)
    {
        var guest = LoadGuest(call, type);
        var node = call.World.FindNode(guest.Node)!;
        var metrics = new Metrics(call.Cluster);
        var entry = GuestFigures(call, metrics, guest, node);
        entry["ha"] = new JsonObject { ["managed"] = 0 };
        if (!guest.IsQemu)
        {
            entry["type"] = "lxc";
            return new(entry);
        }

        var running = guest.Running;
        entry["qmpstatus"] = running ? (guest.Paused ? "paused" : "running") : "stopped";
        if (guest.Config.GetValueOrDefault("agent") is { } agent && (agent == "1" || agent.Contains("enabled=1", StringComparison.Ordinal)))
        {
            entry["agent"] = 1;
        }

        if (!running)
        {
            return new(entry);
        }

        var maxmem = GuestMath.MemoryBytes(guest);
        var mem = metrics.GuestMem(guest, call.Now);
        var machine = guest.Config.GetValueOrDefault("machine") == "q35" ? "pc-q35-10.0+pve0" : "pc-i440fx-10.0+pve0";
        entry["running-machine"] = machine;
        entry["running-qemu"] = "10.0.2";
        entry["shares"] = 1000;
        entry["balloon"] = maxmem;
        entry["balloon_min"] = maxmem;
        entry["freemem"] = maxmem - mem;
        entry["ballooninfo"] = new JsonObject
        {
            ["actual"] = maxmem,
            ["max_mem"] = maxmem,
            ["total_mem"] = maxmem - (64L * 1024 * 1024),
            ["free_mem"] = maxmem - mem,
            ["mem_swapped_in"] = 0,
            ["mem_swapped_out"] = 0,
            ["major_page_faults"] = DeterministicNoise.Range(call.Seed, $"pf/{guest.VmId}", 500, 5000),
            ["minor_page_faults"] = DeterministicNoise.Range(call.Seed, $"mpf/{guest.VmId}", 1_000_000, 9_000_000),
            ["last_update"] = call.Now.ToUnixTimeSeconds() - 1,
        };
        entry["proxmox-support"] = new JsonObject
        {
            ["backup-fleecing"] = true,
            ["backup-max-workers"] = true,
            ["pbs-dirty-bitmap"] = true,
            ["pbs-dirty-bitmap-migration"] = true,
            ["pbs-dirty-bitmap-savevm"] = true,
            ["pbs-library-version"] = "1.5.2 (UNKNOWN)",
            ["pbs-masterkey"] = true,
            ["query-bitmap-info"] = true,
        };
        var blockstat = new JsonObject();
        foreach (var (key, _, _) in GuestMath.Volumes(guest).Where(v => !v.Key.StartsWith("efidisk", StringComparison.Ordinal)))
        {
            blockstat[key] = BlockStat(call, guest, key);
        }

        if (guest.Config.ContainsKey("ide2"))
        {
            blockstat["ide2"] = BlockStat(call, guest, "ide2");
        }

        entry["blockstat"] = blockstat;
        var nics = new JsonObject();
        foreach (var key in guest.Config.Keys.Where(k => k.StartsWith("net", StringComparison.Ordinal)))
        {
            nics[$"tap{guest.VmId}i{key[3..]}"] = new JsonObject
            {
                ["netin"] = metrics.GuestCounter(guest, "netin", call.Now, 2_000, 400_000),
                ["netout"] = metrics.GuestCounter(guest, "netout", call.Now, 1_000, 120_000),
            };
        }

        entry["nics"] = nics;
        return new(entry);
    }

    private static JsonObject BlockStat(ApiCall call, SimGuest guest, string drive)
    {
        var metrics = new Metrics(call.Cluster);
        var cdrom = drive == "ide2";
        var read = cdrom ? 344_348 : metrics.GuestCounter(guest, "diskread", call.Now, 500, 60_000);
        var written = cdrom ? 0 : metrics.GuestCounter(guest, "diskwrite", call.Now, 800, 90_000);
        var stat = new JsonObject
        {
            ["rd_bytes"] = read,
            ["wr_bytes"] = written,
            ["rd_operations"] = read / 41_000,
            ["wr_operations"] = written / 9_600,
            ["flush_operations"] = written / 97_000,
            ["unmap_operations"] = 0,
            ["rd_total_time_ns"] = read / 90,
            ["wr_total_time_ns"] = written / 23,
            ["flush_total_time_ns"] = written / 200,
            ["unmap_total_time_ns"] = 0,
            ["rd_merged"] = 0,
            ["wr_merged"] = 0,
            ["unmap_merged"] = 0,
            ["unmap_bytes"] = 0,
            ["wr_highest_offset"] = cdrom ? 0 : Math.Min(written, GuestMath.DiskBytes(guest)),
            ["idle_time_ns"] = 1_000_000_000L + DeterministicNoise.Range(call.Seed, $"idle/{guest.VmId}/{drive}", 0, 1_000_000_000),
            ["failed_rd_operations"] = 0,
            ["failed_wr_operations"] = 0,
            ["failed_flush_operations"] = 0,
            ["failed_unmap_operations"] = 0,
            ["invalid_rd_operations"] = 0,
            ["invalid_wr_operations"] = 0,
            ["invalid_flush_operations"] = 0,
            ["invalid_unmap_operations"] = 0,
            ["account_failed"] = true,
            ["account_invalid"] = true,
            ["timed_stats"] = new JsonArray(),
        };
        return stat;
    }

    private static ApiResult GetConfig(ApiCall call, string type)
    {
        var guest = LoadGuest(call, type);
        IReadOnlyDictionary<string, string> config;
        if (call.Str("snapshot") is { } snapname)
        {
            config = guest.Snapshots.FirstOrDefault(s => s.Name == snapname)?.Config
                ?? throw PveApiException.Fail($"snapshot '{snapname}' does not exist");
        }
        else
        {
            config = call.Bool("current") ? guest.Config : ConfigEditor.Effective(guest);
        }

        var schema = ApiEndpoints.ByKey[$"PUT /nodes/{{node}}/{type}/{{vmid}}/config"];
        var result = new JsonObject();
        foreach (var (key, value) in config)
        {
            result[key] = TypedValue(schema, key, value);
        }

        result["digest"] = ConfigEditor.Digest(guest);
        return new(result);
    }

    /// <summary>A config value with the JSON type its schema declares (booleans and integers as numbers).</summary>
    private static JsonValue TypedValue(ApiEndpoint schema, string key, string value)
    {
        var parameter = ParameterValidator.Find(schema, key);
        var type = key == "snaptime" ? ApiParameterType.Integer : parameter?.Type ?? ApiParameterType.String;
        return type switch
        {
            ApiParameterType.Integer or ApiParameterType.Boolean when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            ApiParameterType.Number when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            _ => JsonValue.Create(value),
        };
    }

    private static ApiResult SetConfig(ApiCall call, string type, bool asynchronous)
    {
        var guest = LoadGuest(call, type);
        if (call.Str("digest") is { } digest && digest != ConfigEditor.Digest(guest))
        {
            throw PveApiException.Fail("checksum mismatch (file change by other user?)");
        }

        CheckLock(call, guest);
        var set = ConfigChanges(call, guest.VmId, guest.Config.Keys.Count(GuestMath.IsDiskKey));
        var delete = (call.Str("delete") ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries).ToList();
        foreach (var key in (call.Str("revert") ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            guest.Pending.Remove(key);
            guest.PendingDelete.Remove(key);
        }

        if (asynchronous && !call.Has("background_delay"))
        {
            var effect = new SimTaskEffect { Action = SimTaskAction.Config, VmId = guest.VmId };
            foreach (var (key, value) in set)
            {
                effect.Set[key] = value;
            }

            effect.Delete.AddRange(delete);
            var log = set.Keys.Where(GuestMath.IsDiskKey).Select(k => new SimLogLine(0.5, $"{k}: successfully created disk '{set[k]}'")).ToList();
            return StartTask(call, guest.Node, "qmconfig", guest, TaskDurations.Of("qmconfig"), effect, log);
        }

        ConfigEditor.Apply(guest, set, delete, call.Cluster.IsRunning(guest));
        WorldSeeder.UpdateThinPoolUsage(call.World);
        return new(null);
    }

    /// <summary>The configuration keys a create/config call sets, with raw-device permission checks and disk allocation.</summary>
    private static Dictionary<string, string> ConfigChanges(ApiCall call, int vmId, int existingDisks)
    {
        var set = new Dictionary<string, string>(StringComparer.Ordinal);
        var diskIndex = existingDisks;
        foreach (var (key, value) in call.Parameters.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (NonConfigParameters.Contains(key))
            {
                continue;
            }

            var text = value.Text;
            if (key.StartsWith("hostpci", StringComparison.Ordinal) && !text.StartsWith("mapping=", StringComparison.Ordinal) && !text.Contains(",mapping=", StringComparison.Ordinal))
            {
                // A token is never root@pam, not even root's own (NOTES §3).
                throw PveApiException.Fail($"only root can set '{key}' config for non-mapped devices");
            }

            if (key.StartsWith("usb", StringComparison.Ordinal) && text.StartsWith("host=", StringComparison.Ordinal))
            {
                throw PveApiException.Fail($"only root can set '{key}' config for real devices");
            }

            set[key] = GuestMath.IsDiskKey(key) ? ConfigEditor.AllocateVolume(text, vmId, ref diskIndex) : text;
        }

        return set;
    }

    private static ApiResult CreateGuest(ApiCall call, string type)
    {
        var node = call.World.FindNode(call.Node)!;
        var vmId = call.VmId;
        if (call.World.FindGuest(vmId) is { } existing)
        {
            throw PveApiException.Fail($"{existing.Kind} {vmId} already exists on node '{existing.Node}'");
        }

        var poolId = call.Str("pool");
        var pool = poolId is null ? null : call.World.Pools.FirstOrDefault(p => p.PoolId == poolId)
            ?? throw PveApiException.Fail($"pool '{poolId}' does not exist");
        var set = ConfigChanges(call, vmId, 0);
        var guest = new SimGuest { VmId = vmId, Type = type, Node = node.Name };
        foreach (var (key, value) in set)
        {
            guest.Config[key] = value;
        }

        var log = new List<SimLogLine>();
        if (type == "qemu")
        {
            guest.Config.TryAdd("smbios1", $"uuid={WorldSeeder.NewGuid(call.Seed, $"smbios/{vmId}/{call.Now.ToUnixTimeSeconds()}")}");
            guest.Config.TryAdd("vmgenid", WorldSeeder.NewGuid(call.Seed, $"vmgenid/{vmId}/{call.Now.ToUnixTimeSeconds()}"));
            guest.Config.TryAdd("meta", $"creation-qemu=10.0.2,ctime={call.Now.ToUnixTimeSeconds()}");
            foreach (var (key, volume, _) in GuestMath.Volumes(guest))
            {
                var name = volume.Split(':')[^1];
                log.Add(new SimLogLine(1, $"  Logical volume \"{name}\" created."));
                log.Add(new SimLogLine(1.5, $"{key}: successfully created disk '{guest.Config[key]}'"));
            }
        }
        else
        {
            guest.Config.TryAdd("hostname", $"CT{vmId}");
            guest.Config.TryAdd("arch", "amd64");
            var index = 0;
            guest.Config.TryAdd("rootfs", ConfigEditor.AllocateVolume("local-lvm:8", vmId, ref index));

            var template = call.Str("ostemplate") ?? "local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst";
            var volume = guest.Config["rootfs"].Split(',')[0].Split(':')[^1];
            log.Add(new SimLogLine(0.5, $"  Logical volume \"{volume}\" created."));
            log.Add(new SimLogLine(1, "Creating filesystem with 2097152 4k blocks and 524288 inodes"));
            log.Add(new SimLogLine(2, $"extracting archive '/var/lib/vz/template/cache/{template.Split('/')[^1]}'"));
            log.Add(new SimLogLine(6, "Total bytes read: 521902080 (498MiB, 142MiB/s)"));
            log.Add(new SimLogLine(6.5, $"Detected container architecture: {guest.Config["arch"]}"));
            log.Add(new SimLogLine(7, "Creating SSH host key 'ssh_host_ed25519_key' - this may take some time ..."));
            log.Add(new SimLogLine(7.5, "done: SHA256:3mZ1bR9Xj0lq5cF2n8kV4tH6yP7wE0uA1sD2fG3hJ4k root@" + guest.Config["hostname"]));
        }

        call.World.Guests.Add(guest);
        pool?.VmIds.Add(vmId);
        var effect = new SimTaskEffect { Action = SimTaskAction.Create, VmId = vmId, Flag = call.Bool("start"), HeldLock = "create" };
        var taskType = type == "qemu" ? "qmcreate" : "vzcreate";
        return StartTask(call, node.Name, taskType, guest, TaskDurations.Of(taskType), effect, log);
    }

    private static ApiResult DestroyGuest(ApiCall call, string type)
    {
        var guest = LoadGuest(call, type);
        if (guest.Running)
        {
            throw PveApiException.Fail(guest.IsQemu ? $"VM {guest.VmId} is running - destroy failed" : $"unable to destroy CT {guest.VmId} - container is running");
        }

        if (guest.Config.GetValueOrDefault("protection") == "1")
        {
            throw PveApiException.Fail($"can't remove {guest.Kind} {guest.VmId} - protection mode enabled");
        }

        CheckLock(call, guest);
        var log = GuestMath.Volumes(guest)
            .Select(v => new SimLogLine(1, $"  Logical volume \"{v.VolId.Split(':')[^1]}\" successfully removed."))
            .ToList();
        if (call.Bool("purge"))
        {
            log.Add(new SimLogLine(1.5, $"purging {guest.Kind} {guest.VmId} from related configurations.."));
        }

        var effect = new SimTaskEffect { Action = SimTaskAction.Destroy, VmId = guest.VmId, HeldLock = guest.IsQemu ? null : "destroyed" };
        var taskType = guest.IsQemu ? "qmdestroy" : "vzdestroy";
        return StartTask(call, guest.Node, taskType, guest, TaskDurations.Of(taskType), effect, log);
    }

    /// <summary>Starts a task for a guest and answers with its UPID.</summary>
    private static ApiResult StartTask(ApiCall call, string node, string taskType, SimGuest guest, TimeSpan duration, SimTaskEffect effect,
        IReadOnlyList<SimLogLine> log, string exitStatus = "OK")
    {
        var plan = new TaskPlan(node, taskType, guest.VmId.ToString(CultureInfo.InvariantCulture), call.TokenId, duration, effect, log)
        {
            ExitStatus = exitStatus,
        };
        var task = call.Cluster.StartTask(plan, call.Now);
        return new(JsonValue.Create(task.Upid));
    }
}
