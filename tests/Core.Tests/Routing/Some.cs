using PveAgent.Core.Registry;
using PveAgent.Core.Routing;
using PveAgent.Core.State;

namespace PveAgent.Core.Tests.Routing;

/// <summary>Test data in few words: <c>Some.Cluster().Gpu("brian", 3).Service("brian", "vllm", …).Build()</c>.</summary>
internal static class Some
{
    public static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static ClusterBuilder Cluster() => new();

    public static TaskRequest Task(TaskType type, string? model = null, TaskPriority priority = TaskPriority.Normal, TaskConstraints? constraints = null) =>
        new() { Type = type, Model = model, Priority = priority, Constraints = constraints ?? TaskConstraints.None };

    public static TaskRequest Llm(string model, TaskConstraints? constraints = null) => Task(TaskType.LlmInference, model, constraints: constraints);

    internal sealed class ClusterBuilder
    {
        private readonly List<NodeState> _nodes = [];
        private readonly List<ServiceState> _services = [];
        private readonly List<GuestState> _guests = [];

        /// <summary>A node with <paramref name="count"/> GPUs of <paramref name="model"/>, each with <paramref name="usedGb"/> in use.</summary>
        public ClusterBuilder Gpu(string name, int count = 1, string model = "RTX 3090", double vramGb = 24, double usedGb = 0,
            string[]? capabilities = null, NodeStatus status = NodeStatus.Online, PowerProfile? power = null, double bootSeconds = 90) =>
            Node(name, AcceleratorKind.Nvidia, model, count, vramGb, usedGb, capabilities ?? [Capabilities.LlmInference], status, power, bootSeconds);

        /// <summary>A node with one Tenstorrent Wormhole n150 (no memory telemetry, as tt-smi reports none).</summary>
        public ClusterBuilder Tenstorrent(string name, string[]? capabilities = null, NodeStatus status = NodeStatus.Online) =>
            Node(name, AcceleratorKind.Tenstorrent, "wormhole-n150", 1, 12, null,
                capabilities ?? [Capabilities.SpeechToText, Capabilities.SmallLlmInference, Capabilities.Embeddings], status, null, 90);

        /// <summary>A CPU-only node with <paramref name="ramGb"/> of RAM.</summary>
        public ClusterBuilder Cpu(string name, double ramGb = 64, string[]? capabilities = null, NodeStatus status = NodeStatus.Online)
        {
            var config = new NodeConfig
            {
                Name = name,
                Host = name + ".lan",
                Capabilities = capabilities ?? [Capabilities.Preprocessing, Capabilities.LightweightInference],
            };
            _nodes.Add(new NodeState
            {
                Name = name,
                Status = status,
                Config = config,
                MaxCpu = 16,
                MaxMemory = (long)(ramGb * 1024 * 1024 * 1024),
                Memory = (long)(ramGb * 0.1 * 1024 * 1024 * 1024),
            });
            return this;
        }

        public ClusterBuilder Node(string name, AcceleratorKind kind, string model, int count, double vramGb, double? usedGb,
            string[] capabilities, NodeStatus status, PowerProfile? power, double bootSeconds)
        {
            var config = new NodeConfig
            {
                Name = name,
                Host = name + ".lan",
                Accelerators = [new AcceleratorConfig { Kind = kind, Model = model, Count = count, VramGb = vramGb }],
                Capabilities = capabilities,
                Power = power,
                WakeOnLan = new WakeOnLanConfig { Mac = "D8:5E:D3:00:00:01", BootSeconds = bootSeconds },
            };
            var accelerators = Enumerable.Range(0, count).Select(i => new AcceleratorState
            {
                Kind = kind,
                Model = model,
                Index = i,
                MemoryTotalMib = vramGb * 1024,
                MemoryUsedMib = usedGb * 1024,
                HasTelemetry = usedGb is not null,
            }).ToList();
            _nodes.Add(new NodeState
            {
                Name = name,
                Status = status,
                Config = config,
                Accelerators = status == NodeStatus.Online ? accelerators : [],
                MaxCpu = 32,
                MaxMemory = 128L * 1024 * 1024 * 1024,
                Memory = 16L * 1024 * 1024 * 1024,
            });
            return this;
        }

        /// <summary>Models an Ollama server in these tests has pulled (cold until loaded) unless a test says otherwise.</summary>
        public static readonly string[] UsualPulls = ["llama3.1:8b", "llama3.2:3b", "qwen2.5:32b", "llama-3.3-70b", "nomic-embed-text", "qwen2.5:7b"];

        /// <summary>A service on <paramref name="node"/>; <paramref name="loaded"/> models are warm; an Ollama has <paramref name="pulled"/> (default <see cref="UsualPulls"/>).</summary>
        public ClusterBuilder Service(string node, string name, ServiceKind kind, string[]? models = null, string[]? loaded = null,
            double running = 0, double waiting = 0, bool reachable = true, int? guest = null, string[]? pulled = null)
        {
            var config = new ServiceConfig { Name = name, Kind = kind, Port = 8000 + _services.Count, Models = models ?? [], Guest = guest };
            _services.Add(new ServiceState
            {
                Node = node,
                Config = config,
                Url = new Uri($"http://{node}.lan:{config.Port}"),
                Reachable = reachable,
                Loaded = [.. (loaded ?? []).Select(m => new LoadedModel { Name = m })],
                Available = kind == ServiceKind.Ollama ? pulled ?? UsualPulls : [],
                RequestsRunning = running,
                RequestsWaiting = waiting,
                Error = reachable ? null : "connection refused",
            });
            return this;
        }

        public ClusterBuilder Guest(int vmId, string node, GuestType type = GuestType.Lxc, string status = "stopped")
        {
            _guests.Add(new GuestState { VmId = vmId, Name = "guest" + vmId, Type = type, Node = node, Status = status });
            return this;
        }

        public ClusterSnapshot Build() => new() { TakenAt = Now, Nodes = [.. _nodes], Guests = [.. _guests], Services = [.. _services] };
    }
}
