using System.Globalization;
using PveAgent.Core.Hardware;
using PveAgent.Core.Registry;
using PveAgent.Core.State;

namespace PveAgent.Core.Simulation;

/// <summary>
/// Synthetic clusters of any size for the simulator and the benchmarks, shaped like home labs grown large: about a
/// third multi-GPU workers (vLLM + Ollama), a quarter single-GPU boxes (Ollama), a fifth Tenstorrent nodes (Whisper,
/// small-model vLLM, embeddings) and a fifth CPU nodes (llama.cpp, preprocessing). Deterministic for a seed.
/// </summary>
public static class SyntheticCluster
{
    /// <summary>A cluster of <paramref name="nodes"/> nodes (at least 1) named <c>node-001</c>…, built from <paramref name="seed"/>.</summary>
    public static ClusterConfig Create(int nodes, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nodes, 1);
#pragma warning disable CA5394 // Test data, not security: a seeded generator keeps clusters reproducible.
        var random = new Random(seed);
        var list = new List<NodeConfig>(nodes);
        for (var i = 0; i < nodes; i++)
        {
            // The first four cover every kind, so even a small cluster can serve every workload.
            var roll = i < 4 ? new[] { 0.1, 0.5, 0.7, 0.9 }[i] : random.NextDouble();
            var name = "node-" + (i + 1).ToString("D3", CultureInfo.InvariantCulture);
            var host = string.Create(CultureInfo.InvariantCulture, $"10.{i / 65536 % 256}.{i / 256 % 256}.{i % 256}");
            list.Add(roll switch
            {
                < 0.35 => MultiGpu(name, host, random.Next(2, 5), random.NextDouble() < 0.5 ? "llama-3.3-70b" : "qwen-2.5-32b"),
                < 0.60 => SingleGpu(name, host, random.NextDouble() < 0.6 ? "RTX 3060" : "RTX 4090"),
                < 0.80 => Tenstorrent(name, host, random.NextDouble() < 0.7 ? "wormhole-n150" : "wormhole-n300"),
                _ => Cpu(name, host),
            });
        }
#pragma warning restore CA5394

        return new ClusterConfig
        {
            Cluster = new ClusterSettings { Name = string.Create(CultureInfo.InvariantCulture, $"synthetic-{nodes}"), Simulate = true },
            Nodes = list,
        };
    }

    /// <summary>
    /// A busy moment of <paramref name="config"/> for routing benchmarks: every node online, each service reachable
    /// with some requests running and waiting, about half of them with their first model warm and its memory in use.
    /// </summary>
    public static ClusterSnapshot Snapshot(ClusterConfig config, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(config);
#pragma warning disable CA5394 // Test data, not security: a seeded generator keeps snapshots reproducible.
        var random = new Random(seed);
        var nodes = new List<NodeState>(config.Nodes.Count);
        var services = new List<ServiceState>();
        foreach (var node in config.Nodes)
        {
            var warm = new List<(ServiceConfig Service, string Model)>();
            foreach (var service in node.Services)
            {
                var loaded = random.NextDouble() < 0.5 && service.Models.Count > 0 ? service.Models[0] : null;
                if (loaded is not null)
                {
                    warm.Add((service, loaded));
                }

                services.Add(new ServiceState
                {
                    Node = node.Name,
                    Config = service,
                    Url = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://{node.Host}:{service.Port}")),
                    Reachable = true,
                    Loaded = loaded is null ? [] : [new LoadedModel { Name = loaded }],
                    Available = service.Models,
                    RequestsRunning = random.Next(0, 24),
                    RequestsWaiting = random.Next(0, 4),
                });
            }

            var usedGb = warm.Sum(w => ModelCatalog.Find(w.Model).ServingMemoryGb);
            var accelerators = new List<AcceleratorState>();
            foreach (var accelerator in node.Accelerators)
            {
                for (var i = 0; i < accelerator.Count; i++)
                {
                    var total = accelerator.VramGb ?? 16;
                    var used = Math.Min(total, usedGb);
                    usedGb -= used;
                    accelerators.Add(new AcceleratorState
                    {
                        Kind = accelerator.Kind,
                        Model = accelerator.Model,
                        Index = accelerators.Count,
                        MemoryTotalMib = total * 1024,
                        MemoryUsedMib = accelerator.Kind == AcceleratorKind.Tenstorrent ? null : used * 1024,
                        UtilizationPercent = random.Next(0, 100),
                        HasTelemetry = true,
                    });
                }
            }

            nodes.Add(new NodeState
            {
                Name = node.Name,
                Status = NodeStatus.Online,
                Config = node,
                Cpu = random.NextDouble(),
                MaxCpu = 32,
                MaxMemory = 64L << 30,
                Memory = 8L << 30,
                Accelerators = accelerators,
            });
        }
#pragma warning restore CA5394

        return new ClusterSnapshot { TakenAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), Simulated = true, Nodes = nodes, Guests = [], Services = services };
    }

    private static NodeConfig MultiGpu(string name, string host, int gpus, string vllmModel) => new()
    {
        Name = name,
        Host = host,
        Type = "gpu-worker",
        Power = new PowerProfile { IdleWatts = 60 + (25 * gpus), MaxWatts = 150 + (350 * gpus) },
        Accelerators = [new AcceleratorConfig { Kind = AcceleratorKind.Nvidia, Model = "RTX 3090", Count = gpus, VramGb = 24 }],
        Capabilities = [Capabilities.LlmInference, Capabilities.SmallLlmInference, Capabilities.Embeddings, Capabilities.ImageGeneration, Capabilities.Training, Capabilities.Preprocessing],
        Services =
        [
            new ServiceConfig { Name = "vllm", Kind = ServiceKind.Vllm, Port = 8000, Models = [vllmModel] },
            new ServiceConfig { Name = "ollama", Kind = ServiceKind.Ollama, Port = 11434, Models = ["llama3.1:8b"] },
        ],
    };

    private static NodeConfig SingleGpu(string name, string host, string gpu) => new()
    {
        Name = name,
        Host = host,
        Type = "gpu-desktop",
        Power = new PowerProfile { IdleWatts = 50, MaxWatts = gpu == "RTX 4090" ? 600 : 300 },
        Accelerators = [new AcceleratorConfig { Kind = AcceleratorKind.Nvidia, Model = gpu, Count = 1, VramGb = gpu == "RTX 4090" ? 24 : 12 }],
        Capabilities = [Capabilities.LlmInference, Capabilities.SmallLlmInference, Capabilities.Embeddings],
        Services = [new ServiceConfig { Name = "ollama", Kind = ServiceKind.Ollama, Port = 11434, Models = ["llama3.2:3b"] }],
    };

    private static NodeConfig Tenstorrent(string name, string host, string card) => new()
    {
        Name = name,
        Host = host,
        Type = "accelerator",
        Power = new PowerProfile { IdleWatts = 30, MaxWatts = card == "wormhole-n300" ? 340 : 190 },
        Accelerators = [new AcceleratorConfig { Kind = AcceleratorKind.Tenstorrent, Model = card, Count = 1, VramGb = card == "wormhole-n300" ? 24 : 12 }],
        Capabilities = [Capabilities.SpeechToText, Capabilities.SmallLlmInference, Capabilities.Embeddings],
        Services =
        [
            new ServiceConfig { Name = "whisper", Kind = ServiceKind.Whisper, Port = 9000, Models = ["whisper-large-v3"] },
            new ServiceConfig { Name = "vllm", Kind = ServiceKind.Vllm, Port = 8000, Models = ["llama-3.2-3b-instruct"] },
            new ServiceConfig { Name = "embed", Kind = ServiceKind.Vllm, Port = 8001, Models = ["bge-large-en-v1.5"] },
        ],
    };

    private static NodeConfig Cpu(string name, string host) => new()
    {
        Name = name,
        Host = host,
        Type = "storage-compute",
        Power = new PowerProfile { IdleWatts = 45, MaxWatts = 160 },
        Capabilities = [Capabilities.Storage, Capabilities.Preprocessing, Capabilities.LightweightInference],
        Services = [new ServiceConfig { Name = "llamacpp", Kind = ServiceKind.LlamaCpp, Port = 8080, Models = ["qwen2.5-1.5b-instruct"] }],
    };
}
