using System.Text.Json;
using PveAgent.Core.Plans;
using PveAgent.Core.Registry;
using PveAgent.Core.State;

namespace PveAgent.Guardrails.Tests;

/// <summary>Test data: the sample lab (brian, pve3, edge-tt with the simulator's seeded guests) and plans over it.</summary>
internal static class Some
{
    public const long GiB = 1024L * 1024 * 1024;

    /// <summary>Thursday 2026-01-01 12:00 UTC.</summary>
    public static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static ClusterSnapshot Lab() => new()
    {
        TakenAt = Now,
        Nodes =
        [
            new NodeState
            {
                Name = "brian", Status = NodeStatus.Online, Cpu = 0.30, MaxCpu = 32, Memory = 64 * GiB, MaxMemory = 128 * GiB,
                Accelerators = [Gpu(0, usedMib: 20_000), Gpu(1, usedMib: 4_000), Gpu(2, usedMib: 0)],
            },
            new NodeState { Name = "pve3", Status = NodeStatus.Online, Cpu = 0.10, MaxCpu = 8, Memory = 12 * GiB, MaxMemory = 32 * GiB },
            new NodeState { Name = "edge-tt", Status = NodeStatus.Asleep, Cpu = 0, MaxCpu = 16, Memory = 0, MaxMemory = 64 * GiB },
        ],
        Guests =
        [
            Guest(201, "vllm-brian", "brian", GuestType.Qemu, "running", memoryGib: 48),
            Guest(202, "ollama", "brian", GuestType.Lxc, "running", memoryGib: 8),
            Guest(110, "dev-sandbox", "brian", GuestType.Qemu, "stopped", memoryGib: 4),
            Guest(9000, "ubuntu-template", "brian", GuestType.Qemu, "stopped", memoryGib: 2) with { Template = true },
            Guest(100, "homeassistant", "pve3", GuestType.Qemu, "running", memoryGib: 4) with { Tags = ["prod"] },
            Guest(105, "jellyfin", "pve3", GuestType.Lxc, "running", memoryGib: 2),
            Guest(301, "llamacpp", "pve3", GuestType.Lxc, "running", memoryGib: 4),
            Guest(401, "whisper", "edge-tt", GuestType.Lxc, "stopped", memoryGib: 4),
            Guest(402, "tt-vllm", "edge-tt", GuestType.Qemu, "stopped", memoryGib: 16),
            Guest(150, "pihole", "edge-tt", GuestType.Lxc, "stopped", memoryGib: 1),
        ],
        Services = [],
    };

    public static AcceleratorState Gpu(int index, double usedMib) => new()
    {
        Kind = AcceleratorKind.Nvidia,
        Model = "RTX 3090",
        Index = index,
        Id = $"GPU-000{index}",
        MemoryTotalMib = 24_576,
        MemoryUsedMib = usedMib,
        HasTelemetry = true,
    };

    public static GuestState Guest(int vmId, string name, string node, GuestType type, string status, double memoryGib = 2) => new()
    {
        VmId = vmId,
        Name = name,
        Node = node,
        Type = type,
        Status = status,
        MaxCpu = 4,
        Cpu = status == "running" ? 0.5 : 0,
        MaxMemory = (long)(memoryGib * GiB),
        Memory = status == "running" ? (long)(memoryGib * GiB / 2) : 0,
    };

    public static ClusterSnapshot With(this ClusterSnapshot snapshot, int vmId, Func<GuestState, GuestState> change) =>
        snapshot with { Guests = [.. snapshot.Guests.Select(g => g.VmId == vmId ? change(g) : g)] };

    public static ClusterSnapshot WithNode(this ClusterSnapshot snapshot, string name, Func<NodeState, NodeState> change) =>
        snapshot with { Nodes = [.. snapshot.Nodes.Select(n => n.Name == name ? change(n) : n)] };

    public static GuestRef Ref(int vmId)
    {
        var guest = Lab().FindGuest(vmId) ?? throw new ArgumentException($"no guest {vmId} in the lab");
        return GuestRef.From(guest);
    }

    public static JsonElement Arguments(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static PlanStep Step(int index, ClusterAction action, string tool = "some_tool", ClusterAction? compensation = null) => new()
    {
        Index = index,
        Tool = tool,
        Arguments = Arguments("{}"),
        Action = action,
        Rationale = $"step {index}",
        Compensation = compensation,
    };

    public static Plan Plan(params ClusterAction[] actions) => PlanOf([.. actions.Select((a, i) => Step(i + 1, a))]);

    public static Plan PlanOf(IReadOnlyList<PlanStep> steps, string id = "p-000001") => new()
    {
        Id = id,
        Intent = "test intent",
        CreatedAt = Now,
        Steps = steps,
        Preconditions = [],
        Fingerprint = "sha256:0000000000000000",
        Summary = "test plan",
    };

    public static MigrateGuestAction MigrateJellyfinToBrian() => new(Ref(105), "brian", Online: false);

    public static StartGuestAction StartSandbox() => new(Ref(110));

    public static StopGuestAction StopSandbox() => new(Ref(110));

    public static DeleteGuestAction DeleteSandbox() => new(Ref(110));
}
