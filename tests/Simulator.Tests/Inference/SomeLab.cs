using PveAgent.Core.Registry;

namespace PveAgent.Simulator.Tests.Inference;

/// <summary>Test data: the sample home lab of cluster.yaml and small single-purpose clusters.</summary>
internal static class SomeLab
{
    public const string Brian = "192.168.0.183";
    public const string Pve3 = "192.168.0.103";
    public const string EdgeTt = "192.168.0.150";

    /// <summary>The home lab of the repository's cluster.yaml (brian: 3x RTX 3090, pve3: CPU, edge-tt: Wormhole n150).</summary>
    public static ClusterConfig HomeLab() => Cluster(
        new NodeConfig
        {
            Name = "brian",
            Host = Brian,
            Accelerators = [new AcceleratorConfig { Kind = AcceleratorKind.Nvidia, Model = "RTX 3090", Count = 3, VramGb = 24 }],
            Services =
            [
                new ServiceConfig { Name = "vllm", Kind = ServiceKind.Vllm, Port = 8000, Guest = 201, Models = ["llama-3.3-70b", "qwen-2.5-32b"] },
                new ServiceConfig { Name = "ollama", Kind = ServiceKind.Ollama, Port = 11434, Guest = 202, Models = ["llama3.2:3b", "nomic-embed-text"] },
            ],
        },
        new NodeConfig
        {
            Name = "pve3",
            Host = Pve3,
            Services = [new ServiceConfig { Name = "llamacpp", Kind = ServiceKind.LlamaCpp, Port = 8080, Guest = 301, Models = ["qwen2.5-1.5b-instruct"] }],
        },
        new NodeConfig
        {
            Name = "edge-tt",
            Host = EdgeTt,
            Accelerators = [new AcceleratorConfig { Kind = AcceleratorKind.Tenstorrent, Model = "wormhole-n150", Count = 1, VramGb = 12 }],
            Services =
            [
                new ServiceConfig { Name = "whisper", Kind = ServiceKind.Whisper, Port = 9000, Guest = 401, Models = ["whisper-large-v3"] },
                new ServiceConfig { Name = "vllm", Kind = ServiceKind.Vllm, Port = 8000, Guest = 402, Models = ["llama-3.2-3b-instruct"] },
                new ServiceConfig { Name = "embed", Kind = ServiceKind.Vllm, Port = 8001, Guest = 402, Models = ["bge-large-en-v1.5"] },
            ],
        });

    /// <summary>One node with one RTX 3060 (12 GB) running Ollama (guest 100) with the given models; the first is seeded warm.</summary>
    public static ClusterConfig OllamaOn3060(params string[] models) => Cluster(new NodeConfig
    {
        Name = "gpu1",
        Host = "10.0.0.5",
        Accelerators = [new AcceleratorConfig { Kind = AcceleratorKind.Nvidia, Model = "RTX 3060", Count = 1, VramGb = 12 }],
        Services = [new ServiceConfig { Name = "ollama", Kind = ServiceKind.Ollama, Port = 11434, Guest = 100, Models = models }],
    });

    /// <summary>One node with the given accelerators and a single service.</summary>
    public static ClusterConfig Single(ServiceConfig service, params AcceleratorConfig[] accelerators) => Cluster(new NodeConfig
    {
        Name = "node1",
        Host = "10.0.0.9",
        Accelerators = accelerators,
        Services = [service],
    });

    public static ClusterConfig Cluster(params NodeConfig[] nodes) => new()
    {
        Cluster = new ClusterSettings { Name = "test", Simulate = true },
        Nodes = nodes,
    };
}
