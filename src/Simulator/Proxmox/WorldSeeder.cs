using System.Globalization;
using PveAgent.Core.Registry;
using PveAgent.Simulator.Proxmox.Model;

namespace PveAgent.Simulator.Proxmox;

/// <summary>Builds the initial simulated cluster from the registry, deterministically for a given config and seed.</summary>
internal static class WorldSeeder
{
    /// <summary>Host the API answers on when the registry has no <c>proxmox:</c> block.</summary>
    public const string DefaultApiHost = "pve.sim";

    private const long GiB = 1024L * 1024 * 1024;

    /// <summary>Seeds the world at <paramref name="now"/>.</summary>
    public static ProxmoxWorld Seed(ClusterConfig config, int seed, DateTimeOffset now)
    {
        var world = new ProxmoxWorld
        {
            ClusterName = config.Cluster.Name,
            ApiHost = (config.Proxmox?.Host ?? DefaultApiHost).ToLowerInvariant(),
            ApiPort = config.Proxmox?.Port ?? 8006,
            SeededAt = now,
            NextPid = 4000 + DeterministicNoise.Range(seed, "pid", 0, 90000),
        };

        for (var i = 0; i < config.Nodes.Count; i++)
        {
            world.Nodes.Add(SeedNode(config.Nodes[i], i + 1, seed, now));
        }

        SeedStorage(world, config);
        SeedMappings(world);
        SeedServiceGuests(world, config, seed, now);
        SeedExtraGuests(world, config, seed, now);
        UpdateThinPoolUsage(world);
        SeedTaskHistory(world);
        return world;
    }

    private static SimNode SeedNode(NodeConfig config, int nodeId, int seed, DateTimeOffset now)
    {
        var profile = HardwareCatalog.ForRole(config.Type);
        var uptimeDays = 21 + DeterministicNoise.Range(seed, "uptime/" + config.Name, 0, 40);
        var node = new SimNode
        {
            Name = config.Name,
            Host = config.Host.ToLowerInvariant(),
            NodeId = nodeId,
            Role = config.Type,
            CpuModel = profile.CpuModel,
            CpuMhz = profile.Mhz,
            Sockets = 1,
            Cores = profile.Cores,
            Threads = profile.Threads,
            MemoryBytes = (long)(profile.MemoryGiB * GiB * 0.982) / 4096 * 4096,
            SwapBytes = 8 * GiB,
            RootfsBytes = profile.RootGiB * GiB,
            RootfsUsedBytes = (long)(profile.RootGiB * GiB * (0.08 + (DeterministicNoise.Unit(seed, "rootfs/" + config.Name) * 0.1))),
            KernelRelease = "6.17.2-1-pve",
            BootMode = "efi",
            SslFingerprint = Fingerprint(seed, config.Name),
            WakeOnLanMac = config.WakeOnLan?.Mac.ToUpperInvariant(),
            BootSeconds = config.WakeOnLan?.BootSeconds ?? 90,
            Online = true,
            BootedAt = now - TimeSpan.FromDays(uptimeDays) - TimeSpan.FromSeconds(DeterministicNoise.Range(seed, "uptime-s/" + config.Name, 0, 86400)),
        };
        SeedPci(node, config, profile);
        return node;
    }

    private static void SeedPci(SimNode node, NodeConfig config, HardwareCatalog.NodeProfile profile)
    {
        var bus = 1;
        var group = 14;
        foreach (var accelerator in config.Accelerators.Where(a => a.Kind != AcceleratorKind.Cpu))
        {
            var pci = HardwareCatalog.ForAccelerator(accelerator);
            for (var i = 0; i < Math.Max(1, accelerator.Count); i++, bus++, group++)
            {
                node.PciDevices.Add(new SimPciDevice
                {
                    Id = $"0000:{bus:x2}:00.0",
                    Class = pci.Class,
                    Vendor = pci.Vendor,
                    VendorName = pci.VendorName,
                    Device = pci.Device,
                    DeviceName = pci.DeviceName,
                    SubsystemVendor = pci.SubsystemVendor,
                    SubsystemDevice = pci.SubsystemDevice,
                    SubsystemVendorName = pci.SubsystemVendorName,
                    IommuGroup = group,
                    AcceleratorModel = accelerator.Model,
                });
                if (pci.AudioDevice is not null)
                {
                    node.PciDevices.Add(new SimPciDevice
                    {
                        Id = $"0000:{bus:x2}:00.1",
                        Class = "0x040300",
                        Vendor = pci.Vendor,
                        VendorName = pci.VendorName,
                        Device = pci.AudioDevice,
                        DeviceName = pci.AudioName,
                        SubsystemVendor = pci.SubsystemVendor,
                        SubsystemDevice = pci.SubsystemDevice,
                        SubsystemVendorName = pci.SubsystemVendorName,
                        IommuGroup = group,
                    });
                }
            }
        }

        foreach (var chip in HardwareCatalog.Chipset(profile.AmdPlatform, bus))
        {
            node.PciDevices.Add(new SimPciDevice
            {
                Id = chip.Id,
                Class = chip.Class,
                Vendor = chip.Vendor,
                VendorName = chip.VendorName,
                Device = chip.Device,
                DeviceName = chip.DeviceName,
                IommuGroup = chip.IommuGroup,
            });
        }

        node.PciDevices.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
    }

    private static void SeedStorage(ProxmoxWorld world, ClusterConfig config)
    {
        var local = new SimStorage { Id = "local", Type = "dir", Content = "backup,iso,vztmpl" };
        var thin = new SimStorage { Id = "local-lvm", Type = "lvmthin", Content = "images,rootdir" };
        foreach (var node in world.Nodes)
        {
            var profile = HardwareCatalog.ForRole(node.Role);
            local.TotalBytes[node.Name] = node.RootfsBytes;
            local.UsedBytes[node.Name] = node.RootfsUsedBytes + (6 * GiB);
            thin.TotalBytes[node.Name] = profile.ThinPoolGiB * GiB;
            thin.UsedBytes[node.Name] = 0;
        }

        world.Storages.Add(local);
        world.Storages.Add(thin);

        var nasNode = config.Nodes.FirstOrDefault(n => n.Storage.Count > 0);
        if (nasNode is not null)
        {
            var bytes = (long)(nasNode.Storage.Sum(s => s.SizeTb ?? 4) * 1_000_000_000_000L);
            var nas = new SimStorage { Id = "nas", Type = "nfs", Content = "backup,images,iso,rootdir,vztmpl", Shared = true };
            foreach (var node in world.Nodes)
            {
                nas.TotalBytes[node.Name] = bytes;
                nas.UsedBytes[node.Name] = (long)(bytes * 0.41);
            }

            world.Storages.Add(nas);
        }
    }

    private static void SeedMappings(ProxmoxWorld world)
    {
        var byModel = world.Nodes
            .SelectMany(n => n.PciDevices.Where(d => d.AcceleratorModel is not null).Select(d => (Node: n, Device: d)))
            .GroupBy(x => x.Device.AcceleratorModel!, StringComparer.OrdinalIgnoreCase);
        foreach (var model in byModel)
        {
            var mapping = new SimPciMapping
            {
                Id = HardwareCatalog.MappingId(model.Key),
                Description = $"{model.Key} cards for AI guests",
            };
            foreach (var perNode in model.GroupBy(x => x.Node.Name, StringComparer.Ordinal))
            {
                var first = perNode.First().Device;
                var paths = string.Join(';', perNode.Select(x => x.Device.Id));
                var entry = $"node={perNode.Key},path={paths},id={first.Vendor[2..]}:{first.Device[2..]},subsystem-id={first.SubsystemVendor?[2..]}:{first.SubsystemDevice?[2..]}";
                if (perNode.Count() == 1)
                {
                    entry += $",iommugroup={first.IommuGroup}";
                }

                mapping.Map.Add(entry);
            }

            world.PciMappings.Add(mapping);
        }
    }

    private static void SeedServiceGuests(ProxmoxWorld world, ClusterConfig config, int seed, DateTimeOffset now)
    {
        var pool = new SimPool { PoolId = "ai", Comment = "AI inference guests managed by PveAgent" };
        world.Pools.Add(pool);
        foreach (var nodeConfig in config.Nodes)
        {
            var node = world.FindNode(nodeConfig.Name)!;
            var acceleratorsTaken = false;
            foreach (var guestServices in nodeConfig.Services.Where(s => s.Guest is not null).GroupBy(s => s.Guest!.Value))
            {
                var vmId = guestServices.Key;
                if (world.FindGuest(vmId) is not null)
                {
                    continue;
                }

                var services = guestServices.ToList();
                var first = services[0];
                var isVm = services.Any(s => s.Kind is ServiceKind.Vllm or ServiceKind.Triton);
                var kinds = services.Select(s => s.Kind.ToString().ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal);
                var name = $"{first.Name}-{node.Name}".ToLowerInvariant();
                SimGuest guest;
                if (isVm)
                {
                    var hostpci = acceleratorsTaken ? [] : node.PciDevices.Where(d => d.AcceleratorModel is not null).ToList();
                    acceleratorsTaken |= hostpci.Count > 0;
                    var tags = hostpci.Count > 0 ? ["ai", "gpu", .. kinds] : new List<string>(["ai", .. kinds]);
                    guest = NewVm(seed, vmId, node, name, string.Join(';', tags.Distinct().Order(StringComparer.Ordinal)),
                        cores: Math.Max(2, node.Threads / 2), memoryMiB: VmMemoryMiB(node), diskGiB: 200, hostpci);
                }
                else
                {
                    var memory = first.Kind == ServiceKind.Ollama ? 16384 : 8192;
                    guest = NewContainer(seed, vmId, node, name, string.Join(';', kinds.Prepend("ai")), cores: Math.Min(8, node.Threads / 2), memoryMiB: memory, diskGiB: 64,
                        ostype: "ubuntu");
                }

                Start(guest, seed, node, now);
                world.Guests.Add(guest);
                pool.VmIds.Add(vmId);
            }
        }
    }

    private static void SeedExtraGuests(ProxmoxWorld world, ClusterConfig config, int seed, DateTimeOffset now)
    {
        if (world.Nodes.Count == 0)
        {
            return;
        }

        var first = world.Nodes[0];
        var second = world.Nodes.Count > 1 ? world.Nodes[1] : first;
        var storageNode = config.Nodes.FirstOrDefault(n => n.Storage.Count > 0) is { } s ? world.FindNode(s.Name)! : world.Nodes[^1];
        var third = world.Nodes.Count > 2 ? world.Nodes[2] : first;

        var template = NewVm(seed, FreeId(world, 9000), first, "ubuntu-24.04-template", "template", cores: 2, memoryMiB: 2048, diskGiB: 32, []);
        template.Config["template"] = "1";
        template.Config.Remove("onboot");
        template.Config["ide2"] = $"local-lvm:vm-{template.VmId}-cloudinit,media=cdrom";
        template.Config["scsi0"] = $"local-lvm:base-{template.VmId}-disk-0,iothread=1,size=32G";
        template.Config["ciuser"] = "ubuntu";
        template.Config["ipconfig0"] = "ip=dhcp";
        template.Config["serial0"] = "socket";
        template.Config["vga"] = "serial0";
        world.Guests.Add(template);

        var ctTemplate = NewContainer(seed, FreeId(world, 9001), first, "debian-12-template", "template", cores: 1, memoryMiB: 512, diskGiB: 8, ostype: "debian");
        ctTemplate.Config["template"] = "1";
        ctTemplate.Config.Remove("onboot");
        ctTemplate.Config["rootfs"] = $"local-lvm:base-{ctTemplate.VmId}-disk-0,size=8G";
        world.Guests.Add(ctTemplate);

        var sandbox = NewVm(seed, FreeId(world, 110), first, "dev-sandbox", "dev", cores: 4, memoryMiB: 8192, diskGiB: 64, []);
        sandbox.Config.Remove("onboot");
        world.Guests.Add(sandbox);

        var homeAssistant = NewVm(seed, FreeId(world, 100), second, "homeassistant", "prod", cores: 2, memoryMiB: 4096, diskGiB: 32, []);
        homeAssistant.Config["ostype"] = "l26";
        homeAssistant.Config["usb0"] = "host=10c4:ea60";
        Start(homeAssistant, seed, second, now);
        world.Guests.Add(homeAssistant);

        // A VM with nothing tying it to its node: the one to migrate in demos ("migrate vm 105 to pve3").
        var jellyfin = NewVm(seed, FreeId(world, 105), first, "jellyfin", "media", cores: 4, memoryMiB: 4096, diskGiB: 32, []);
        Start(jellyfin, seed, first, now);
        world.Guests.Add(jellyfin);

        // A container with a bind mount of the NAS: migrating it needs the mount on the target, so PVE refuses.
        var samba = NewContainer(seed, FreeId(world, 106), storageNode, "samba", "infra", cores: 2, memoryMiB: 1024, diskGiB: 8, ostype: "debian");
        samba.Config["mp0"] = "/mnt/nas/share,mp=/srv/share";
        Start(samba, seed, storageNode, now);
        world.Guests.Add(samba);

        var pihole = NewContainer(seed, FreeId(world, 150), third, "pihole", "infra;prod", cores: 1, memoryMiB: 512, diskGiB: 4, ostype: "debian");
        Start(pihole, seed, third, now);
        world.Guests.Add(pihole);
    }

    // Half the node's memory, in the round sizes people pick: 64 GiB on a 128 GiB node, 32 on 64, else 16.
    private static int VmMemoryMiB(SimNode node) => node.MemoryBytes >= 120 * GiB ? 65536 : node.MemoryBytes >= 60 * GiB ? 32768 : 16384;

    private static SimGuest NewVm(int seed, int vmId, SimNode node, string name, string tags, int cores, int memoryMiB, int diskGiB, List<SimPciDevice> hostpci)
    {
        var guest = new SimGuest { VmId = vmId, Type = "qemu", Node = node.Name };
        var c = guest.Config;
        var ctime = node.BootedAt.ToUnixTimeSeconds() - DeterministicNoise.Range(seed, $"ctime/{vmId}", 86400, 86400 * 300);
        c["agent"] = "1";
        c["boot"] = "order=scsi0;ide2;net0";
        c["cores"] = cores.ToString(CultureInfo.InvariantCulture);
        c["cpu"] = "host";
        c["ide2"] = "none,media=cdrom";
        c["memory"] = memoryMiB.ToString(CultureInfo.InvariantCulture);
        c["meta"] = $"creation-qemu=9.2.0,ctime={ctime}";
        c["name"] = name;
        c["net0"] = $"virtio={Mac(seed, vmId)},bridge=vmbr0,firewall=1";
        c["numa"] = "0";
        c["onboot"] = "1";
        c["ostype"] = "l26";
        c["scsi0"] = $"local-lvm:vm-{vmId}-disk-{(hostpci.Count > 0 ? 1 : 0)},iothread=1,size={diskGiB}G";
        c["scsihw"] = "virtio-scsi-single";
        c["smbios1"] = $"uuid={NewGuid(seed, $"smbios/{vmId}")}";
        c["sockets"] = "1";
        c["tags"] = tags;
        c["vmgenid"] = NewGuid(seed, $"vmgenid/{vmId}");
        if (hostpci.Count > 0)
        {
            c["bios"] = "ovmf";
            c["machine"] = "q35";
            c["efidisk0"] = $"local-lvm:vm-{vmId}-disk-0,efitype=4m,size=4M";
            c["boot"] = "order=scsi0;net0";
            c.Remove("ide2");
            var index = 0;
            foreach (var device in hostpci.Where(d => d.Id.EndsWith(".0", StringComparison.Ordinal)))
            {
                // NVIDIA cards go with all functions (GPU + HDMI audio), as the GUI's "All Functions" writes it.
                var hasAudio = node.PciDevices.Any(d => d.Id == device.Id[..^1] + "1");
                c[$"hostpci{index++}"] = (hasAudio ? device.Id[..^2] : device.Id) + ",pcie=1";
            }
        }

        return guest;
    }

    private static SimGuest NewContainer(int seed, int vmId, SimNode node, string hostname, string tags, int cores, int memoryMiB, int diskGiB, string ostype)
    {
        var guest = new SimGuest { VmId = vmId, Type = "lxc", Node = node.Name };
        var c = guest.Config;
        c["arch"] = "amd64";
        c["cores"] = Math.Max(1, cores).ToString(CultureInfo.InvariantCulture);
        c["features"] = "nesting=1";
        c["hostname"] = hostname;
        c["memory"] = memoryMiB.ToString(CultureInfo.InvariantCulture);
        c["net0"] = $"name=eth0,bridge=vmbr0,firewall=1,hwaddr={Mac(seed, vmId)},ip=dhcp,type=veth";
        c["onboot"] = "1";
        c["ostype"] = ostype;
        c["rootfs"] = $"local-lvm:vm-{vmId}-disk-0,size={diskGiB}G";
        c["swap"] = "512";
        c["tags"] = tags;
        c["unprivileged"] = "1";
        return guest;
    }

    private static void Start(SimGuest guest, int seed, SimNode node, DateTimeOffset now)
    {
        var nodeUptime = now - node.BootedAt;
        var fraction = 0.3 + (DeterministicNoise.Unit(seed, $"guest-uptime/{guest.VmId}") * 0.69);
        guest.Running = true;
        guest.StartedAt = now - TimeSpan.FromSeconds(Math.Floor(nodeUptime.TotalSeconds * fraction));
        guest.Pid = 1000 + DeterministicNoise.Range(seed, $"guest-pid/{guest.VmId}", 0, 3_000_000);
    }

    // What a real cluster's task list shows: each node's startall at boot and the later manual guest starts.
    private static void SeedTaskHistory(ProxmoxWorld world)
    {
        var history = new List<SimTask>();
        foreach (var node in world.Nodes)
        {
            var bootGuests = world.Guests.Where(g => g.Node == node.Name && g.Config.GetValueOrDefault("onboot") == "1" && !g.Template).ToList();
            var log = bootGuests.Select((g, i) => new SimLogLine(i * 2, $"Starting {g.Kind} {g.VmId}")).ToList();
            var startAll = new TaskPlan(node.Name, "startall", "", "root@pam", TimeSpan.FromSeconds(2 * bootGuests.Count + 1), new SimTaskEffect(), log);
            history.Add(SimulatedCluster.NewTask(world, startAll, node.BootedAt.AddSeconds(40)));
            foreach (var guest in world.Guests.Where(g => g.Node == node.Name && g.Running && g.StartedAt > node.BootedAt.AddMinutes(5)))
            {
                var start = new TaskPlan(node.Name, guest.IsQemu ? "qmstart" : "vzstart", guest.VmId.ToString(CultureInfo.InvariantCulture), "root@pam",
                    TimeSpan.FromSeconds(2), new SimTaskEffect(), []);
                history.Add(SimulatedCluster.NewTask(world, start, guest.StartedAt!.Value.AddSeconds(-2)));
            }
        }

        foreach (var task in history.OrderBy(t => t.StartedAt))
        {
            task.Finished = true;
            world.Tasks.Add(task);
        }
    }

    /// <summary>Recomputes thin-pool usage from the guests' disks (called after seeding and when guests change).</summary>
    public static void UpdateThinPoolUsage(ProxmoxWorld world)
    {
        var thin = world.Storages.FirstOrDefault(s => s.Id == "local-lvm");
        if (thin is null)
        {
            return;
        }

        foreach (var node in world.Nodes)
        {
            var bytes = world.Guests.Where(g => g.Node == node.Name).Sum(g => GuestMath.DiskBytes(g) * 0.46);
            thin.UsedBytes[node.Name] = (long)bytes;
        }
    }

    /// <summary>The first id at or above <paramref name="wanted"/> that no guest uses.</summary>
    public static int FreeId(ProxmoxWorld world, int wanted)
    {
        var id = wanted;
        while (world.FindGuest(id) is not null)
        {
            id++;
        }

        return id;
    }

    /// <summary>A MAC in Proxmox's OUI (BC:24:11), deterministic per guest.</summary>
    public static string Mac(int seed, int vmId)
    {
        var bytes = Enumerable.Range(0, 3).Select(i => DeterministicNoise.Range(seed, $"mac/{vmId}/{i}", 0, 256));
        return "BC:24:11:" + string.Join(':', bytes.Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));
    }

    /// <summary>A GUID derived from the seed and a key, so re-seeding reproduces it.</summary>
    public static string NewGuid(int seed, string key)
    {
        var bytes = new byte[16];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)DeterministicNoise.Range(seed, $"{key}/{i}", 0, 256);
        }

        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        return new System.Guid(bytes).ToString();
    }

    private static string Fingerprint(int seed, string node) =>
        string.Join(':', Enumerable.Range(0, 32).Select(i => DeterministicNoise.Range(seed, $"fp/{node}/{i}", 0, 256).ToString("X2", CultureInfo.InvariantCulture)));
}
