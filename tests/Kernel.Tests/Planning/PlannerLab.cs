using PveAgent.Core.Registry;
using PveAgent.Core.State;
using PveAgent.Plugins;
using PveAgent.TestSupport;

namespace PveAgent.Kernel.Tests.Planning;

/// <summary>
/// The sample lab of cluster.yaml as the simulator seeds it (same guests, configs and memory figures), built in code so
/// the planner tests need no HTTP: brian (3× RTX 3090, VM 201 holding them by raw hostpci), pve3, edge-tt.
/// </summary>
internal sealed class PlannerLab : IClusterSnapshotSource
{
    private const long GiB = 1024L * 1024 * 1024;

    private static readonly Lazy<ClusterConfig> SampleConfig = new(() =>
    {
        var loaded = new ClusterConfigLoader().Load(File.ReadAllText(SharedFiles.InRepository("cluster.yaml")), "cluster.yaml");
        return loaded.Config ?? throw new InvalidOperationException(string.Join("\n", loaded.Diagnostics));
    });

    public PlannerLab(NodeStatus edgeTt = NodeStatus.Online)
    {
        Config = SampleConfig.Value;
        var awake = edgeTt == NodeStatus.Online;
        Snapshot = new ClusterSnapshot
        {
            TakenAt = Clock.GetUtcNow(),
            Simulated = true,
            Nodes =
            [
                Node("brian", NodeStatus.Online, 70.8, 125.7, gpuUsedMib: [24266, 22063, 22230]),
                Node("pve3", NodeStatus.Online, 10.9, 31.4),
                Node("edge-tt", edgeTt, awake ? 36.9 : 0, 62.8),
            ],
            Guests =
            [
                Guest(100, "homeassistant", GuestType.Qemu, "pve3", 4),
                Guest(105, "jellyfin", GuestType.Qemu, "brian", 4),
                Guest(106, "samba", GuestType.Lxc, "pve3", 1),
                Guest(110, "dev-sandbox", GuestType.Qemu, "brian", 8, running: false),
                Guest(150, "pihole", GuestType.Lxc, "edge-tt", 0.5, running: awake),
                Guest(201, "vllm-brian", GuestType.Qemu, "brian", 64),
                Guest(202, "ollama-brian", GuestType.Lxc, "brian", 16),
                Guest(301, "llamacpp-pve3", GuestType.Lxc, "pve3", 8),
                Guest(401, "whisper-edge-tt", GuestType.Lxc, "edge-tt", 8, running: awake),
                Guest(402, "vllm-edge-tt", GuestType.Qemu, "edge-tt", 32, running: awake),
                Guest(9000, "ubuntu-24.04-template", GuestType.Qemu, "brian", 2, running: false, template: true),
                Guest(9001, "debian-12-template", GuestType.Lxc, "brian", 0.5, running: false, template: true),
            ],
            Services =
            [
                Service("brian", "vllm", true, "llama-3.3-70b", "qwen-2.5-32b"),
                Service("brian", "ollama", true, "llama3.2:3b"),
                Service("pve3", "llamacpp", true, "qwen2.5-1.5b-instruct"),
                Service("edge-tt", "whisper", awake),
                Service("edge-tt", "vllm", awake, "llama-3.2-3b-instruct"),
                Service("edge-tt", "embed", awake, "bge-large-en-v1.5"),
            ],
        };
        Api = new ReadOnlyProxmoxApi(this);
    }

    public ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero));

    public ClusterConfig Config { get; }

    public ClusterSnapshot Snapshot { get; }

    public ReadOnlyProxmoxApi Api { get; }

    /// <summary>Guest configs as the simulator seeds them (only the keys the tools look at).</summary>
    public Dictionary<int, Dictionary<string, string>> Configs { get; } = new()
    {
        [100] = new() { ["name"] = "homeassistant", ["usb0"] = "host=10c4:ea60" },
        [105] = new() { ["name"] = "jellyfin" },
        [106] = new() { ["hostname"] = "samba", ["mp0"] = "/mnt/nas/share,mp=/srv/share" },
        [110] = new() { ["name"] = "dev-sandbox" },
        [150] = new() { ["hostname"] = "pihole" },
        [201] = new() { ["name"] = "vllm-brian", ["hostpci0"] = "0000:01:00,pcie=1", ["hostpci1"] = "0000:02:00,pcie=1", ["hostpci2"] = "0000:03:00,pcie=1" },
        [202] = new() { ["hostname"] = "ollama-brian" },
        [301] = new() { ["hostname"] = "llamacpp-pve3" },
        [401] = new() { ["hostname"] = "whisper-edge-tt" },
        [402] = new() { ["name"] = "vllm-edge-tt", ["hostpci0"] = "0000:01:00.0,pcie=1" },
        [9000] = new() { ["name"] = "ubuntu-24.04-template", ["template"] = "1" },
        [9001] = new() { ["hostname"] = "debian-12-template", ["template"] = "1" },
    };

    /// <summary>Existing snapshot names per guest.</summary>
    public Dictionary<int, List<string>> Snapshots { get; } = new() { [201] = ["nightly"] };

    public int Reads { get; private set; }

    public ToolContext NewContext() => new(this, Api, Config, Clock);

    public Task<ClusterSnapshot> ReadAsync(CancellationToken cancellationToken = default)
    {
        Reads++;
        return Task.FromResult(Snapshot);
    }

    private NodeState Node(string name, NodeStatus status, double usedGib, double totalGib, int[]? gpuUsedMib = null)
    {
        var config = Config.FindNode(name)!;
        var accelerators = config.Accelerators.SelectMany(a => Enumerable.Range(0, a.Count).Select(i => new AcceleratorState
        {
            Kind = a.Kind,
            Model = a.Model,
            Index = i,
            MemoryTotalMib = a.VramGb * 1024,
            MemoryUsedMib = gpuUsedMib is { } used ? used[i] : null,
            HasTelemetry = status == NodeStatus.Online,
        })).ToList();
        return new NodeState
        {
            Name = name,
            Status = status,
            MaxCpu = 32,
            Memory = (long)(usedGib * GiB),
            MaxMemory = (long)(totalGib * GiB),
            Accelerators = accelerators,
            Config = config,
        };
    }

    private static GuestState Guest(int vmId, string name, GuestType type, string node, double memGib, bool running = true, bool template = false) => new()
    {
        VmId = vmId,
        Name = name,
        Type = type,
        Node = node,
        Status = running ? "running" : "stopped",
        MaxMemory = (long)(memGib * GiB),
        Memory = running ? (long)(memGib * GiB / 3) : 0,
        MaxCpu = 4,
        Template = template,
    };

    private ServiceState Service(string node, string name, bool up, params string[] loaded)
    {
        var config = Config.FindNode(node)!.Services.Single(s => s.Name == name);
        return new ServiceState
        {
            Node = node,
            Config = config,
            Url = new Uri($"http://{Config.FindNode(node)!.Host}:{config.Port}"),
            Reachable = up,
            Loaded = up ? [.. loaded.Select(m => new LoadedModel { Name = m })] : [],
            Available = config.Models,
            Error = up ? null : $"node {node} is not online",
        };
    }
}
