using System.Globalization;
using System.Text.Json.Nodes;
using PveAgent.Simulator.Proxmox.Model;

namespace PveAgent.Simulator.Proxmox.Api;

internal static partial class ProxmoxApi
{
    private const double GiB = 1024.0 * 1024 * 1024;

    private static readonly string[] RootOnlyMigrateOptions = ["force", "migration_type", "migration_network"];

    private static ApiResult MigratePrecondition(ApiCall call, string type)
    {
        var guest = LoadGuest(call, type);
        var running = guest.Running;
        var others = call.World.Nodes.Where(n => n.Name != guest.Node).ToList();
        if (!guest.IsQemu)
        {
            var ct = new JsonObject
            {
                ["running"] = Json.Bit(running),
                ["allowed-nodes"] = Json.Strings(others.Select(n => n.Name)),
                ["not-allowed-nodes"] = new JsonObject(),
                ["dependent-ha-resources"] = new JsonArray(),
            };
            return new(ct);
        }

        var mapped = PciPassthrough.MappedResources(guest);
        var result = new JsonObject { ["running"] = Json.Bit(running) };
        if (!running)
        {
            var allowed = new List<string>();
            var notAllowed = new JsonObject();
            foreach (var node in others)
            {
                var missing = mapped.Where(m => !PciPassthrough.MappingCovers(call.World, m.Mapping, node.Name)).Select(m => m.Mapping).Distinct().ToList();
                if (missing.Count == 0)
                {
                    allowed.Add(node.Name);
                }
                else
                {
                    notAllowed[node.Name] = new JsonObject { ["unavailable-resources"] = Json.Strings(missing) };
                }
            }

            result["allowed_nodes"] = Json.Strings(allowed);
            result["not_allowed_nodes"] = notAllowed;
        }

        result["local_disks"] = Json.Array(GuestMath.Volumes(guest)
            .Where(v => v.VolId.StartsWith("local", StringComparison.Ordinal))
            .Select(v => (JsonNode)new JsonObject
            {
                ["volid"] = v.VolId,
                ["size"] = v.Size,
                ["cdrom"] = Json.Bit(guest.Config[v.Key].Contains("media=cdrom", StringComparison.Ordinal)),
                ["is_unused"] = Json.Bit(v.Key.StartsWith("unused", StringComparison.Ordinal)),
                ["drivename"] = v.Key,
                ["referenced_in_config"] = 1,
            }));
        result["local_resources"] = Json.Strings(PciPassthrough.LocalResources(guest));
        result["mapped-resources"] = Json.Strings(mapped.Select(m => m.Key).Order(StringComparer.Ordinal));
        var info = new JsonObject();
        foreach (var (key, mappingId) in mapped)
        {
            var entry = new JsonObject { ["name"] = mappingId };
            if (call.World.PciMappings.FirstOrDefault(m => m.Id == mappingId) is { LiveMigrationCapable: true })
            {
                entry["live-migration"] = 1;
            }

            info[key] = entry;
        }

        result["mapped-resource-info"] = info;
        result["has-dbus-vmstate"] = 1;
        result["dependent-ha-resources"] = new JsonArray();
        return new(result);
    }

    private static ApiResult Migrate(ApiCall call, string type)
    {
        var targetName = call.Str("target")!;
        if (targetName == call.Node)
        {
            throw PveApiException.Parameter("target", "target is local node.");
        }

        var target = NodeOf(call, targetName);
        var guest = LoadGuest(call, type);
        if (RootOnlyMigrateOptions.FirstOrDefault(call.Has) is { } rootOnly)
        {
            // Tokens are never root@pam (NOTES §3).
            throw PveApiException.Parameter(rootOnly, "Only root may use this option.");
        }

        var online = call.Bool("online");
        var restart = call.Bool("restart");
        if (guest.Running)
        {
            if (guest.IsQemu && !online)
            {
                throw PveApiException.Fail("can't migrate running VM without --online");
            }

            if (!guest.IsQemu && !online && !restart)
            {
                throw PveApiException.Fail("can't migrate running container without --online or --restart");
            }
        }

        CheckLock(call, guest);
        var source = call.World.FindNode(guest.Node)!;
        var live = guest.Running && guest.IsQemu;
        var start = call.Now;
        var error = MigrationError(call, guest, target, live, online);
        var effect = new SimTaskEffect { Action = SimTaskAction.Migrate, VmId = guest.VmId, Target = target.Name, Flag = live, HeldLock = "migrate" };
        var taskType = guest.IsQemu ? "qmigrate" : "vzmigrate";
        if (error is not null)
        {
            var seconds = error.StartsWith("Can't connect", StringComparison.Ordinal) ? 3 : 0;
            var log = new List<SimLogLine>
            {
                new(seconds, $"{Timestamp(start.AddSeconds(seconds))} ERROR: migration aborted (duration 00:00:{seconds:00}): {error}"),
            };
            return StartTask(call, source.Name, taskType, guest, TimeSpan.FromSeconds(seconds + 0.5), effect, log, "migration aborted");
        }

        var (duration, lines) = guest.IsQemu ? QemuMigrationLog(guest, target, live, start) : ContainerMigrationLog(guest, target, guest.Running, start);
        return StartTask(call, source.Name, taskType, guest, duration, effect, lines);
    }

    /// <summary>The error a migration task dies with (checked inside the task, as qemu-server and pve-container do), or null.</summary>
    private static string? MigrationError(ApiCall call, SimGuest guest, SimNode target, bool live, bool online)
    {
        if (guest.IsQemu)
        {
            var local = PciPassthrough.LocalResources(guest);
            if (local.Count > 0)
            {
                return $"can't migrate VM which uses local devices: {string.Join(", ", local)}";
            }

            var mapped = PciPassthrough.MappedResources(guest);
            var missing = mapped.Where(m => !PciPassthrough.MappingCovers(call.World, m.Mapping, target.Name)).Select(m => m.Key).ToList();
            if (missing.Count > 0)
            {
                return $"can't migrate to '{target.Name}': missing mapped devices {string.Join(", ", missing)}";
            }

            var notLive = mapped.Where(m => call.World.PciMappings.FirstOrDefault(p => p.Id == m.Mapping) is not { LiveMigrationCapable: true }).ToList();
            if (live && notLive.Count > 0)
            {
                return $"can't live migrate running VM which uses following mapped devices: {string.Join(", ", notLive.Select(m => $"{m.Key}:{m.Mapping}"))}";
            }
        }
        else
        {
            if (guest.Running && online)
            {
                return "lxc live migration is currently not implemented";
            }

            var bind = guest.Config.FirstOrDefault(kv => kv.Key.StartsWith("mp", StringComparison.Ordinal)
                && kv.Value.StartsWith('/') && !kv.Value.Contains("shared=1", StringComparison.Ordinal));
            if (bind.Key is not null)
            {
                return $"cannot migrate local bind mount point '{bind.Key}'";
            }
        }

        return target.Online ? null : "Can't connect to destination address using public key";
    }

    private static (TimeSpan Duration, List<SimLogLine> Log) QemuMigrationLog(SimGuest guest, SimNode target, bool live, DateTimeOffset start)
    {
        var memoryGiB = GuestMath.MemoryBytes(guest) / GiB;
        var diskGiB = GuestMath.DiskBytes(guest) / GiB;
        var seconds = TaskDurations.Seconds("qmigrate") + (live ? memoryGiB * TaskDurations.LiveMigrationPerGiBRam : diskGiB * TaskDurations.OfflineMigrationPerGiBDisk);
        var log = new List<SimLogLine>();
        void At(double at, string text) => log.Add(new SimLogLine(at, $"{Timestamp(start.AddSeconds(at))} {text}"));
        At(0, $"starting migration of VM {guest.VmId} to node '{target.Name}' ({target.Host})");
        foreach (var (_, volume, _) in GuestMath.Volumes(guest).Where(v => !guest.Config[v.Key].Contains("media=cdrom", StringComparison.Ordinal)))
        {
            At(0, $"found local disk '{volume}' (attached)");
        }

        if (live)
        {
            At(1, $"starting VM {guest.VmId} on remote node '{target.Name}'");
            At(3, "start remote tunnel");
            At(3, "ssh tunnel ver 1");
            At(3, $"starting online/live migration on unix:/run/qemu-server/{guest.VmId}.migrate");
            At(3, "set migration capabilities");
            At(3, "migration downtime limit: 100 ms");
            At(3, $"migration cachesize: {Math.Max(0.5, memoryGiB / 8):0.0} GiB");
            At(3, "set migration parameters");
            At(3, $"start migrate command to unix:/run/qemu-server/{guest.VmId}.migrate");
            var transferSeconds = seconds - 5;
            for (var i = 1; i <= 4; i++)
            {
                var at = 3 + (transferSeconds * i / 5);
                At(at, $"migration active, transferred {memoryGiB * i / 5:0.0} GiB of {memoryGiB:0.0} GiB VM-state, {memoryGiB / transferSeconds * 1.1:0.0} GiB/s");
            }

            At(seconds - 2, $"average migration speed: {memoryGiB / transferSeconds:0.0} GiB/s - downtime 58 ms");
            At(seconds - 2, "migration completed, transferred " + $"{memoryGiB:0.0} GiB VM-state");
            At(seconds - 2, "migration status: completed");
            At(seconds - 1, "stopping NBD storage migration server on target.");
        }
        else
        {
            At(1, "copying local disk images");
            foreach (var (_, volume, _) in GuestMath.Volumes(guest).Where(v => !guest.Config[v.Key].Contains("media=cdrom", StringComparison.Ordinal)))
            {
                var name = volume.Split(':')[^1];
                At(1, $"  Logical volume \"{name}\" created.");
                At(seconds - 2, $"successfully imported '{volume}'");
                At(seconds - 2, $"volume '{volume}' is '{volume}' on the target");
                At(seconds - 1, $"  Logical volume \"{name}\" successfully removed.");
            }
        }

        At(seconds, $"migration finished successfully (duration {Duration(seconds)})");
        return (TimeSpan.FromSeconds(seconds), log);
    }

    private static (TimeSpan Duration, List<SimLogLine> Log) ContainerMigrationLog(SimGuest guest, SimNode target, bool restart, DateTimeOffset start)
    {
        var diskGiB = GuestMath.DiskBytes(guest) / GiB;
        var shutdown = restart ? TaskDurations.ContainerRestartShutdown : 0;
        var seconds = shutdown + TaskDurations.Seconds("vzmigrate") + (diskGiB * TaskDurations.ContainerMigrationPerGiBDisk) + (restart ? TaskDurations.ContainerRestartStart : 0);
        var log = new List<SimLogLine>();
        void At(double at, string text) => log.Add(new SimLogLine(at, $"{Timestamp(start.AddSeconds(at))} {text}"));
        if (restart)
        {
            At(0, $"shutdown CT {guest.VmId}");
        }

        At(shutdown, $"starting migration of CT {guest.VmId} to node '{target.Name}' ({target.Host})");
        foreach (var (_, volume, _) in GuestMath.Volumes(guest))
        {
            var name = volume.Split(':')[^1];
            At(shutdown, $"found local volume '{volume}' (in current VM config)");
            At(shutdown + 1, $"  Logical volume \"{name}\" created.");
            At(seconds - (restart ? 3 : 1), $"successfully imported '{volume}'");
            At(seconds - (restart ? 3 : 1), $"volume '{volume}' is '{volume}' on the target");
        }

        At(seconds - (restart ? 3 : 1), "start final cleanup");
        if (restart)
        {
            At(seconds - 2, "start container on target node");
        }

        At(seconds, $"migration finished successfully (duration {Duration(seconds)})");
        return (TimeSpan.FromSeconds(seconds), log);
    }

    private static string Duration(double seconds)
    {
        var span = TimeSpan.FromSeconds(Math.Round(seconds));
        return span.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);
    }
}
