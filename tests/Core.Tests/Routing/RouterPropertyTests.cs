using FsCheck;
using FsCheck.Fluent;
using PveAgent.Core.Hardware;
using PveAgent.Core.Registry;
using PveAgent.Core.Routing;
using PveAgent.Core.State;

namespace PveAgent.Core.Tests.Routing;

/// <summary>For random clusters and tasks, the router's candidates respect every hard constraint and are ranked.</summary>
public sealed class RouterPropertyTests
{
    private static readonly string[] ModelNames =
        ["llama-3.3-70b", "qwen-2.5-32b", "llama3.1:8b", "llama3.2:3b", "mistral-nemo", "whisper-large-v3", "bge-large-en-v1.5", "nomic-embed-text", "sdxl"];

    private static readonly string[] CapabilityNames =
        [Capabilities.LlmInference, Capabilities.SmallLlmInference, Capabilities.LightweightInference, Capabilities.SpeechToText,
         Capabilities.Embeddings, Capabilities.Preprocessing, Capabilities.Training, Capabilities.ImageGeneration, "fpga-inference"];

    private static readonly TaskType[] Types = [.. TaskType.BuiltIn, TaskType.Custom("fpga-inference")];

    [Fact]
    public void Route_RandomClustersAndTasks_NeverReturnsAnIncapableOrConstraintViolatingCandidate()
    {
        var router = new Router();
        Prop.ForAll(Scenarios().ToArbitrary(), scenario =>
        {
            var decision = router.Route(scenario.Task, scenario.Snapshot, RoutingOptions.Default);
            foreach (var candidate in decision.Candidates)
            {
                var problem = Violation(scenario, candidate);
                if (problem is not null)
                {
                    throw new InvalidOperationException($"{candidate.Node}/{candidate.Service}: {problem}");
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Route_RandomClustersAndTasks_RanksCandidatesAndAccountsForEveryNode()
    {
        var router = new Router();
        Prop.ForAll(Scenarios().ToArbitrary(), scenario =>
        {
            var decision = router.Route(scenario.Task, scenario.Snapshot, RoutingOptions.Default);
            var ranked = decision.Candidates.Zip(decision.Candidates.Skip(1))
                .All(p => Tier(p.First) < Tier(p.Second) || (Tier(p.First) == Tier(p.Second) && p.First.Score >= p.Second.Score));
            var summed = decision.Candidates.All(c => Math.Abs(c.Score - c.Parts.Sum(p => p.Value)) < 1e-6);
            var seen = decision.Candidates.Select(c => c.Node).Concat(decision.Rejected.Select(r => r.Node)).ToHashSet();
            var accounted = decision.OmittedCandidates > 0 || scenario.Snapshot.Nodes.All(n => seen.Contains(n.Name));
            return ranked && summed && accounted;
        }).QuickCheckThrowOnFailure();
    }

    private static int Tier(RouteCandidate candidate) => candidate.NeedsWake ? 1 : 0;

    private static string? Violation(Scenario scenario, RouteCandidate candidate)
    {
        var task = scenario.Task;
        var constraints = task.Constraints;
        var node = scenario.Snapshot.FindNode(candidate.Node)!;
        var model = task.Model is null ? null : ModelCatalog.Find(task.Model);
        if (!node.Config!.Capabilities.Any(c => task.Type.AcceptsCapability(c, model?.ParametersBillions, RoutingOptions.Default.SmallModelMaxBillions)))
        {
            return "node lacks the capability";
        }

        if (node.Status is not (NodeStatus.Online or NodeStatus.Asleep))
        {
            return $"node is {node.Status}";
        }

        if ((constraints.PinNode is { } pin && !string.Equals(pin, node.Name, StringComparison.OrdinalIgnoreCase))
            || constraints.AvoidNodes.Contains(node.Name, StringComparer.OrdinalIgnoreCase))
        {
            return "pin or avoid ignored";
        }

        if (constraints.AcceleratorKind is { } kind && candidate.Accelerator != kind)
        {
            return "wrong accelerator family";
        }

        if (constraints.MaxLatencyMs is { } max && candidate.EstimatedLatencyMs > max)
        {
            return "too slow";
        }

        if (constraints.Deadline is { } deadline && scenario.Snapshot.TakenAt.AddMilliseconds(candidate.EstimatedLatencyMs) > deadline)
        {
            return "after the deadline";
        }

        ServiceState? service = null;
        if (candidate.Service is not null)
        {
            service = scenario.Snapshot.Services.Single(s => s.Node == node.Name && s.Name == candidate.Service);
            if (task.Model is { } named && service.Kind != ServiceKind.Ollama
                && !service.Config.Models.Concat(service.Available).Concat(service.Loaded.Select(l => l.Name)).Any(m => PveAgent.Core.State.ModelNames.AreSame(m, named)))
            {
                return "service cannot serve the model";
            }
        }
        else if (task.Type.Execution == TaskExecution.Service)
        {
            return "a service task without a service";
        }

        var used = candidate.Model is null ? null : ModelCatalog.Find(candidate.Model);
        var need = Math.Max(used?.ServingMemoryGb ?? 0, constraints.MinVramGb ?? 0);
        var devices = node.Config.Accelerators.FirstOrDefault(a => a.Kind == candidate.Accelerator);
        if (need > 0 && devices is not null && candidate.Devices * devices.VramGb!.Value < need - 1e-6)
        {
            return $"needs {need} GB on {candidate.Devices} devices of {devices.VramGb} GB";
        }

        // Nvidia devices report memory in use: a cold start must fit in free memory plus what the service can unload.
        if (need > 0 && !candidate.Warm && node.Status == NodeStatus.Online && candidate.Accelerator == AcceleratorKind.Nvidia)
        {
            var free = node.Accelerators.Where(a => a.Kind == AcceleratorKind.Nvidia)
                .Select(a => a.MemoryFreeMib!.Value / 1024).OrderDescending().Take(candidate.Devices).Sum();
            // What may be unloaded, now or once their work ends: every model the node's reachable services hold.
            var held = scenario.Snapshot.Services.Where(s => s.Node == node.Name && s.Reachable)
                .Sum(s => s.Loaded.Sum(l => ModelCatalog.Find(l.Name).ServingMemoryGb));
            if (free + held < need - 1e-6)
            {
                return $"needs {need} GB, {free} free + {held} held by services";
            }
        }

        return null;
    }

    private static Gen<Scenario> Scenarios() =>
        from nodeCount in Gen.Choose(1, 6)
        from nodes in Gen.ListOf(Nodes(), nodeCount)
        from task in Tasks(nodeCount)
        select Build([.. nodes], task);

    private static Gen<NodeSpec> Nodes() =>
        from kind in Gen.Choose(0, 3)
        from count in Gen.Choose(1, 3)
        from usedTenths in Gen.Choose(0, 10)
        from capabilities in Gen.SubListOf(CapabilityNames)
        from status in Gen.Frequency((6, Gen.Constant(NodeStatus.Online)), (1, Gen.Constant(NodeStatus.Asleep)), (1, Gen.Constant(NodeStatus.Offline)), (1, Gen.Constant(NodeStatus.Unknown)))
        from serviceCount in Gen.Choose(0, 3)
        from services in Gen.ListOf(Services(), serviceCount)
        select new NodeSpec(kind, count, usedTenths / 10.0, [.. capabilities], status, [.. services]);

    private static Gen<ServiceSpec> Services() =>
        from kind in Gen.Elements(ServiceKind.Ollama, ServiceKind.Vllm, ServiceKind.Whisper, ServiceKind.LlamaCpp)
        from models in Gen.SubListOf(ModelNames)
        from loadedCount in Gen.Choose(0, 2)
        from running in Gen.Choose(0, 40)
        from waiting in Gen.Choose(0, 10)
        from reachable in Gen.Frequency((5, Gen.Constant(true)), (1, Gen.Constant(false)))
        from guestStopped in Gen.Elements(true, false)
        select new ServiceSpec(kind, [.. models], [.. models.Take(loadedCount)], running, waiting, reachable, guestStopped);

    private static Gen<TaskRequest> Tasks(int nodeCount) =>
        from type in Gen.Elements(Types)
        from model in Gen.Frequency((4, Gen.Elements(ModelNames).Select(m => (string?)m)), (1, Gen.Constant((string?)null)))
        from maxLatency in Gen.Frequency((3, Gen.Constant((double?)null)), (1, Gen.Choose(500, 60_000).Select(ms => (double?)ms)))
        from minVram in Gen.Frequency((3, Gen.Constant((double?)null)), (1, Gen.Choose(1, 60).Select(gb => (double?)gb)))
        from kind in Gen.Frequency((3, Gen.Constant((AcceleratorKind?)null)), (1, Gen.Elements<AcceleratorKind?>(AcceleratorKind.Nvidia, AcceleratorKind.Tenstorrent, AcceleratorKind.Cpu)))
        from pin in Gen.Frequency((4, Gen.Constant(-1)), (1, Gen.Choose(0, nodeCount - 1)))
        from avoid in Gen.SubListOf(Enumerable.Range(0, nodeCount).ToArray())
        from deadline in Gen.Frequency((4, Gen.Constant((int?)null)), (1, Gen.Choose(1, 300).Select(s => (int?)s)))
        select new TaskRequest
        {
            Type = type,
            Model = model,
            Constraints = new TaskConstraints
            {
                MaxLatencyMs = maxLatency,
                MinVramGb = minVram,
                AcceleratorKind = kind,
                PinNode = pin < 0 ? null : "N" + pin,
                AvoidNodes = [.. avoid.Select(i => "n" + i)],
                Deadline = deadline is { } s ? Some.Now.AddSeconds(s) : null,
            },
        };

    private static Scenario Build(NodeSpec[] nodes, TaskRequest task)
    {
        var cluster = Some.Cluster();
        var vmId = 100;
        for (var i = 0; i < nodes.Length; i++)
        {
            var spec = nodes[i];
            var name = "n" + i;
            _ = spec.Kind switch
            {
                0 => cluster.Gpu(name, spec.Count, "RTX 3090", 24, 24 * spec.UsedShare, spec.Capabilities, spec.Status),
                1 => cluster.Gpu(name, spec.Count, "RTX 3060", 12, 12 * spec.UsedShare, spec.Capabilities, spec.Status),
                2 => cluster.Tenstorrent(name, spec.Capabilities, spec.Status),
                _ => cluster.Cpu(name, 32, spec.Capabilities, spec.Status),
            };
            foreach (var service in spec.Services)
            {
                var guest = vmId++;
                cluster.Service(name, service.Kind.ToString().ToLowerInvariant() + guest, service.Kind, service.Models,
                    service.Reachable ? service.Loaded : [], service.Running, service.Waiting, service.Reachable, guest);
                cluster.Guest(guest, name, status: service.GuestStopped || !service.Reachable ? "stopped" : "running");
            }
        }

        return new Scenario(cluster.Build(), task);
    }

    private sealed record NodeSpec(int Kind, int Count, double UsedShare, string[] Capabilities, NodeStatus Status, ServiceSpec[] Services);

    private sealed record ServiceSpec(ServiceKind Kind, string[] Models, string[] Loaded, int Running, int Waiting, bool Reachable, bool GuestStopped);

    private sealed record Scenario(ClusterSnapshot Snapshot, TaskRequest Task)
    {
        public override string ToString() =>
            $"{Task.Type} {Task.Model} pin={Task.Constraints.PinNode} kind={Task.Constraints.AcceleratorKind} minVram={Task.Constraints.MinVramGb} maxMs={Task.Constraints.MaxLatencyMs}; "
            + string.Join(" | ", Snapshot.Nodes.Select(n => $"{n.Name} {n.Status} [{string.Join(",", n.Config!.Capabilities)}] "
                + string.Join(",", Snapshot.Services.Where(s => s.Node == n.Name).Select(s => $"{s.Name}({string.Join("+", s.Config.Models)};warm {string.Join("+", s.Loaded.Select(l => l.Name))})"))));
    }
}
