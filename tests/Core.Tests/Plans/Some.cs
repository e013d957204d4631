using System.Text.Json;
using PveAgent.Core.Plans;
using PveAgent.Core.State;

namespace PveAgent.Core.Tests.Plans;

/// <summary>Test data: the sample lab (brian, pve3, edge-tt with the simulator's seeded guests) and plans over it.</summary>
internal static class Some
{
    public const long GiB = 1024L * 1024 * 1024;

    public static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static ClusterSnapshot Lab() => new()
    {
        TakenAt = Now,
        Nodes =
        [
            new NodeState { Name = "brian", Status = NodeStatus.Online, Cpu = 0.30, MaxCpu = 32, Memory = 64 * GiB, MaxMemory = 128 * GiB },
            new NodeState { Name = "pve3", Status = NodeStatus.Online, Cpu = 0.10, MaxCpu = 8, Memory = 12 * GiB, MaxMemory = 32 * GiB },
            new NodeState { Name = "edge-tt", Status = NodeStatus.Online, Cpu = 0.05, MaxCpu = 16, Memory = 8 * GiB, MaxMemory = 64 * GiB },
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
            Guest(401, "whisper", "edge-tt", GuestType.Lxc, "running", memoryGib: 4),
            Guest(402, "tt-vllm", "edge-tt", GuestType.Qemu, "running", memoryGib: 16),
            Guest(150, "pihole", "edge-tt", GuestType.Lxc, "running", memoryGib: 1),
        ],
        Services = [],
    };

    public static GuestState Guest(int vmId, string name, string node, GuestType type, string status, double memoryGib = 2) => new()
    {
        VmId = vmId,
        Name = name,
        Node = node,
        Type = type,
        Status = status,
        MaxCpu = 4,
        Cpu = status == "running" ? 0.25 : 0,
        MaxMemory = (long)(memoryGib * GiB),
        Memory = status == "running" ? (long)(memoryGib * GiB / 2) : 0,
    };

    public static GuestRef Ref(int vmId, string? node = null)
    {
        var guest = Lab().FindGuest(vmId) ?? throw new ArgumentException($"no guest {vmId} in the lab");
        return GuestRef.From(guest) with { Node = node ?? guest.Node };
    }

    public static JsonElement Arguments(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static PlanStep Step(int index, ClusterAction action, ClusterAction? compensation = null, PolicyDecision decision = PolicyDecision.Allow,
        IReadOnlyList<Precondition>? preconditions = null, IReadOnlyList<int>? dependsOn = null, string tool = "some_tool") => new()
        {
            Index = index,
            Tool = tool,
            Arguments = Arguments($$"""{"step": {{index}}}"""),
            Action = action,
            Rationale = $"step {index} of the test plan",
            Compensation = compensation,
            Preconditions = preconditions ?? [],
            DependsOn = dependsOn ?? [],
            Verdict = new PolicyVerdict { Decision = decision, Reasons = [$"test verdict {decision}"] },
        };

    public static Plan Plan(string id, IReadOnlyList<PlanStep> steps, IReadOnlyList<Precondition>? preconditions = null, string intent = "free up brian") => new()
    {
        Id = id,
        Intent = intent,
        CreatedAt = Now,
        Steps = steps,
        Preconditions = preconditions ?? [],
        Fingerprint = PlanFingerprint.Compute(preconditions ?? [], Lab()),
        Summary = $"{steps.Count} steps",
    };

    /// <summary>
    /// Migrate CT 105 to brian, snapshot VM 201, start VM 110: three writes, each with a compensation, and the
    /// preconditions a planner would record.
    /// </summary>
    public static Plan ThreeSteps(string id = "p-000001")
    {
        var jellyfin = Ref(105);
        var migrate = new MigrateGuestAction(jellyfin, "brian", Online: false, Restart: true);
        var back = new MigrateGuestAction(jellyfin with { Node = "brian" }, "pve3", Online: false, Restart: true);
        var snapshot = new CreateSnapshotAction(Ref(201), "before-training");
        var start = new StartGuestAction(Ref(110));
        return Plan(id,
        [
            Step(1, migrate, back, tool: "migrate_guest", preconditions: [new GuestOnNodePrecondition(jellyfin, "pve3")]),
            Step(2, snapshot, new DeleteSnapshotAction(Ref(201), "before-training"), tool: "snapshot_guest"),
            Step(3, start, new ShutdownGuestAction(Ref(110)), tool: "start_guest", preconditions: [new GuestStatusPrecondition(Ref(110), "stopped")]),
        ],
        [new GuestOnNodePrecondition(jellyfin, "pve3"), new NodeStatusPrecondition("brian", NodeStatus.Online)]);
    }
}
