using PveAgent.Core.Registry;
using PveAgent.Core.State;

namespace PveAgent.Plugins.Tests;

/// <summary>Test data: small cluster snapshots built in code, for logic that needs no API.</summary>
internal static class Some
{
    public const long GiB = 1024L * 1024 * 1024;

    public static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    public static GuestState Guest(int vmId, string name, string node = "brian", string status = "running", GuestType type = GuestType.Qemu, long memGib = 4, bool template = false, string? lockName = null) => new()
    {
        VmId = vmId,
        Name = name,
        Type = type,
        Node = node,
        Status = status,
        MaxMemory = memGib * GiB,
        Memory = status == "running" ? memGib * GiB / 2 : 0,
        MaxCpu = 2,
        Template = template,
        Lock = lockName,
    };

    public static NodeState Node(string name, NodeStatus status = NodeStatus.Online, long usedGib = 16, long totalGib = 64) => new()
    {
        Name = name,
        Status = status,
        Memory = usedGib * GiB,
        MaxMemory = totalGib * GiB,
        MaxCpu = 16,
    };

    public static ServiceState Service(string node, string name, int? guest) => new()
    {
        Node = node,
        Config = new ServiceConfig { Name = name, Kind = ServiceKind.Ollama, Port = 11434, Guest = guest, Models = ["llama3.2:3b"] },
        Url = new Uri($"http://{node}:11434"),
        Reachable = true,
        Loaded = [new LoadedModel { Name = "llama3.2:3b" }],
    };

    /// <summary>brian (64 GiB, 16 used), pve3 (32 GiB, 8 used) and an asleep edge-tt, with guests named like the sample lab's.</summary>
    public static ClusterSnapshot Cluster(params GuestState[] guests) => new()
    {
        TakenAt = Now,
        Nodes = [Node("brian"), Node("pve3", usedGib: 8, totalGib: 32), Node("edge-tt", NodeStatus.Asleep, usedGib: 0, totalGib: 64)],
        Guests = guests.Length > 0 ? guests :
        [
            Guest(100, "homeassistant", "pve3"),
            Guest(105, "jellyfin"),
            Guest(106, "samba", "pve3", type: GuestType.Lxc),
            Guest(110, "dev-sandbox", status: "stopped", memGib: 8),
            Guest(201, "vllm-brian", memGib: 32),
            Guest(202, "ollama-brian", type: GuestType.Lxc, memGib: 16),
            Guest(9000, "ubuntu-24.04-template", status: "stopped", template: true),
        ],
        Services = [Service("brian", "ollama", 202)],
    };
}
