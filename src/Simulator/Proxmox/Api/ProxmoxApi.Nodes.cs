using System.Globalization;
using System.Text.Json.Nodes;

namespace PveAgent.Simulator.Proxmox.Api;

internal static partial class ProxmoxApi
{
    private const string CpuFlags =
        "fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ht syscall nx mmxext " +
        "fxsr_opt pdpe1gb rdtscp lm constant_tsc rep_good nopl nonstop_tsc cpuid extd_apicid aperfmperf rapl pni pclmulqdq " +
        "monitor ssse3 fma cx16 sse4_1 sse4_2 movbe popcnt aes xsave avx f16c rdrand lahf_lm cmp_legacy svm extapic cr8_legacy " +
        "abm sse4a misalignsse 3dnowprefetch osvw ibs skinit wdt tce topoext perfctr_core perfctr_nb bpext perfctr_llc mwaitx " +
        "cpb cat_l3 cdp_l3 hw_pstate ssbd mba ibrs ibpb stibp vmmcall fsgsbase bmi1 avx2 smep bmi2 cqm rdt_a rdseed adx smap " +
        "clflushopt clwb sha_ni xsaveopt xsavec xgetbv1 xsaves cqm_llc cqm_occup_llc cqm_mbm_total cqm_mbm_local clzero irperf " +
        "xsaveerptr rdpru wbnoinvd arat npt lbrv svm_lock nrip_save tsc_scale vmcb_clean flushbyasid decodeassists pausefilter " +
        "pfthreshold avic v_vmsave_vmload vgif v_spec_ctrl umip pku ospke vaes vpclmulqdq rdpid overflow_recov succor smca fsrm";

    private static ApiResult Nodes(ApiCall call)
    {
        var metrics = new Metrics(call.Cluster);
        return new(Json.Array(call.World.Nodes.Select(n => (JsonNode)NodeResource(metrics, n, call.Now, forNodesIndex: true))));
    }

    private static ApiResult NodeStatus(ApiCall call)
    {
        var node = call.World.FindNode(call.Node)!;
        var metrics = new Metrics(call.Cluster);
        var now = call.Now;
        var memUsed = metrics.NodeMemUsed(node, now);
        var swapUsed = metrics.NodeSwapUsed(node, now);
        var rootUsed = metrics.NodeRootUsed(node, now);
        var (one, five, fifteen) = metrics.LoadAverage(node, now);
        var kernelVersion = $"#1 SMP PREEMPT_DYNAMIC PMX {node.KernelRelease[..^4]} (2025-10-21T11:55Z)";
        return new(new JsonObject
        {
            ["uptime"] = Metrics.NodeUptime(node, now),
            ["idle"] = 0,
            ["wait"] = metrics.NodeIoWait(node, now),
            ["cpu"] = metrics.NodeCpu(node, now),
            ["loadavg"] = Json.Strings([Load(one), Load(five), Load(fifteen)]),
            ["pveversion"] = $"pve-manager/{PveVersion}/{PveRepoId}",
            ["kversion"] = $"Linux {node.KernelRelease} {kernelVersion}",
            ["ksm"] = new JsonObject { ["shared"] = 0 },
            ["boot-info"] = new JsonObject { ["mode"] = node.BootMode, ["secureboot"] = 0 },
            ["current-kernel"] = new JsonObject
            {
                ["sysname"] = "Linux",
                ["release"] = node.KernelRelease,
                ["version"] = kernelVersion,
                ["machine"] = "x86_64",
            },
            ["cpuinfo"] = new JsonObject
            {
                ["model"] = node.CpuModel,
                ["sockets"] = node.Sockets,
                ["cores"] = node.Cores,
                ["cpus"] = node.Threads,
                ["mhz"] = node.CpuMhz,
                ["hvm"] = "1",
                ["user_hz"] = 100,
                ["flags"] = CpuFlags,
            },
            ["memory"] = new JsonObject
            {
                ["total"] = node.MemoryBytes,
                ["used"] = memUsed,
                ["free"] = node.MemoryBytes - memUsed,
                ["available"] = node.MemoryBytes - memUsed + (node.MemoryBytes / 40),
            },
            ["swap"] = new JsonObject
            {
                ["total"] = node.SwapBytes,
                ["used"] = swapUsed,
                ["free"] = node.SwapBytes - swapUsed,
            },
            ["rootfs"] = new JsonObject
            {
                ["total"] = node.RootfsBytes,
                ["used"] = rootUsed,
                ["free"] = node.RootfsBytes - rootUsed,
                ["avail"] = node.RootfsBytes - rootUsed - (node.RootfsBytes / 20),
            },
        });
    }

    private static string Load(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static ApiResult NodeRrdData(ApiCall call)
    {
        var node = call.World.FindNode(call.Node);
        if (node is null)
        {
            return new(new JsonArray());
        }

        var step = call.Str("timeframe") switch
        {
            "hour" => 60,
            "day" => 1800,
            "week" => 10800,
            "month" => 43200,
            _ => 604800,
        };
        var max = call.Str("cf") == "MAX";
        var metrics = new Metrics(call.Cluster);
        var last = call.Now.ToUnixTimeSeconds() / step * step;
        var list = new JsonArray();
        for (var i = 69; i >= 0; i--)
        {
            var time = last - (i * (long)step);
            var at = DateTimeOffset.FromUnixTimeSeconds(time);
            var point = new JsonObject { ["time"] = time };
            if (node.Online && at >= node.BootedAt)
            {
                var factor = max ? 1.35 : 1.0;
                var (load, _, _) = metrics.LoadAverage(node, at);
                point["cpu"] = Math.Min(1, metrics.NodeCpu(node, at) * factor);
                point["maxcpu"] = node.Threads;
                point["iowait"] = metrics.NodeIoWait(node, at) * factor;
                point["loadavg"] = Math.Round(load * factor, 2);
                point["memtotal"] = node.MemoryBytes;
                point["memused"] = Math.Min(node.MemoryBytes, (long)(metrics.NodeMemUsed(node, at) * (max ? 1.03 : 1.0)));
                point["memavailable"] = node.MemoryBytes - metrics.NodeMemUsed(node, at);
                point["swaptotal"] = node.SwapBytes;
                point["swapused"] = metrics.NodeSwapUsed(node, at);
                point["roottotal"] = node.RootfsBytes;
                point["rootused"] = metrics.NodeRootUsed(node, at);
                point["netin"] = metrics.NodeNetRate(node, "in", at) * factor;
                point["netout"] = metrics.NodeNetRate(node, "out", at) * factor;
            }

            list.Add(point);
        }

        return new(list);
    }

    private static ApiResult NodeStorage(ApiCall call)
    {
        var node = call.World.FindNode(call.Node)!;
        var content = call.Str("content");
        var wanted = call.Str("storage");
        var list = new JsonArray();
        foreach (var storage in call.World.Storages.Where(s => s.Nodes.Count == 0 || s.Nodes.Contains(node.Name)))
        {
            if (wanted is not null && storage.Id != wanted)
            {
                continue;
            }

            if (content is not null && !content.Split(',').All(c => storage.Content.Split(',').Contains(c)))
            {
                continue;
            }

            var total = storage.TotalBytes.GetValueOrDefault(node.Name);
            var used = storage.UsedBytes.GetValueOrDefault(node.Name);
            list.Add(new JsonObject
            {
                ["storage"] = storage.Id,
                ["type"] = storage.Type,
                ["content"] = storage.Content,
                ["active"] = 1,
                ["enabled"] = 1,
                ["shared"] = Json.Bit(storage.Shared),
                ["total"] = total,
                ["used"] = used,
                ["avail"] = total - used,
                ["used_fraction"] = total == 0 ? 0 : (double)used / total,
            });
        }

        return new(list);
    }

    private static ApiResult WakeOnLan(ApiCall call)
    {
        var node = call.World.FindNode(call.Node);
        if (node?.WakeOnLanMac is not { } mac)
        {
            throw PveApiException.Fail($"No wake on LAN MAC address defined for '{call.Node}'!");
        }

        SimulatedCluster.Wake(node, call.Now);
        return new(JsonValue.Create(mac));
    }

    private static ApiResult PciScan(ApiCall call)
    {
        var node = call.World.FindNode(call.Node)!;
        var blacklist = (call.Str("pci-class-blacklist") ?? "05;06;0b").Split(';', StringSplitOptions.RemoveEmptyEntries);
        var verbose = call.Bool("verbose", fallback: true);
        var list = new JsonArray();
        foreach (var device in node.PciDevices)
        {
            if (blacklist.Any(prefix => device.Class[2..].StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var entry = new JsonObject
            {
                ["id"] = device.Id,
                ["class"] = device.Class,
                ["vendor"] = device.Vendor,
                ["device"] = device.Device,
                ["iommugroup"] = device.IommuGroup,
            };
            if (device.Mdev)
            {
                entry["mdev"] = 1;
            }

            if (verbose)
            {
                entry.PutString("vendor_name", device.VendorName)
                    .PutString("device_name", device.DeviceName)
                    .PutString("subsystem_vendor", device.SubsystemVendor)
                    .PutString("subsystem_device", device.SubsystemDevice)
                    .PutString("subsystem_vendor_name", device.SubsystemVendorName);
            }

            list.Add(entry);
        }

        return new(list);
    }

    private static ApiResult PciIndex(ApiCall call) => new(new JsonArray { new JsonObject { ["method"] = "mdev" } });

    private static ApiResult PciMdev(ApiCall call)
    {
        var node = call.World.FindNode(call.Node)!;
        var id = call.Str("pci-id-or-mapping")!;
        var known = node.PciDevices.Any(d => d.Id == id || d.Id[5..] == id || d.Id.StartsWith(id + ".", StringComparison.Ordinal))
            || call.World.PciMappings.Any(m => m.Id == id);
        if (!known)
        {
            throw PveApiException.Fail($"no PCI device found for '{id}'");
        }

        // Consumer GPUs and Tenstorrent cards offer no mediated devices.
        return new(new JsonArray());
    }
}
