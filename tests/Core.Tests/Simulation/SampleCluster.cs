using PveAgent.Core.Registry;

namespace PveAgent.Core.Tests.Simulation;

/// <summary>The sample home lab of <c>cluster.yaml</c> (brian, pve3, edge-tt), written out so these tests do not depend on the YAML loader.</summary>
internal static class SampleCluster
{
    public static ClusterConfig Config { get; } = new()
    {
        Cluster = new ClusterSettings { Name = "homelab", Simulate = true },
        Nodes =
        [
            new NodeConfig
            {
                Name = "brian", Host = "192.168.0.183", Type = "gpu-worker",
                Power = new PowerProfile { IdleWatts = 110, MaxWatts = 1150 },
                WakeOnLan = new WakeOnLanConfig { Mac = "D8:5E:D3:4A:11:83" },
                Accelerators = [new AcceleratorConfig { Kind = AcceleratorKind.Nvidia, Model = "RTX 3090", Count = 3, VramGb = 24 }],
                Capabilities = [Capabilities.LlmInference, Capabilities.ImageGeneration, Capabilities.VideoGeneration, Capabilities.Training],
                Services =
                [
                    new ServiceConfig { Name = "vllm", Kind = ServiceKind.Vllm, Port = 8000, Guest = 201, Models = ["llama-3.3-70b", "qwen-2.5-32b"] },
                    new ServiceConfig { Name = "ollama", Kind = ServiceKind.Ollama, Port = 11434, Guest = 202, Models = ["llama3.2:3b", "nomic-embed-text"] },
                ],
            },
            new NodeConfig
            {
                Name = "pve3", Host = "192.168.0.103", Type = "storage-compute",
                Power = new PowerProfile { IdleWatts = 45, MaxWatts = 160 },
                Capabilities = [Capabilities.Storage, Capabilities.Preprocessing, Capabilities.LightweightInference],
                Services = [new ServiceConfig { Name = "llamacpp", Kind = ServiceKind.LlamaCpp, Port = 8080, Guest = 301, Models = ["qwen2.5-1.5b-instruct"] }],
            },
            new NodeConfig
            {
                Name = "edge-tt", Host = "192.168.0.150", Type = "accelerator",
                Power = new PowerProfile { IdleWatts = 30, MaxWatts = 190 },
                WakeOnLan = new WakeOnLanConfig { Mac = "D8:5E:D3:4A:11:50" },
                Accelerators = [new AcceleratorConfig { Kind = AcceleratorKind.Tenstorrent, Model = "wormhole-n150", Count = 1, VramGb = 12 }],
                Capabilities = [Capabilities.SpeechToText, Capabilities.SmallLlmInference, Capabilities.Embeddings],
                Services =
                [
                    new ServiceConfig { Name = "whisper", Kind = ServiceKind.Whisper, Port = 9000, Guest = 401, Models = ["whisper-large-v3"] },
                    new ServiceConfig { Name = "vllm", Kind = ServiceKind.Vllm, Port = 8000, Guest = 402, Models = ["llama-3.2-3b-instruct"] },
                    new ServiceConfig { Name = "embed", Kind = ServiceKind.Vllm, Port = 8001, Guest = 402, Models = ["bge-large-en-v1.5"] },
                ],
            },
        ],
    };
}
