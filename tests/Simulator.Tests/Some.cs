using PveAgent.Core.Registry;

namespace PveAgent.Simulator.Tests;

/// <summary>Test data: the sample home lab of cluster.yaml (brian, pve3, edge-tt), built in code.</summary>
internal static class Some
{
    public const string ApiBase = "https://192.168.0.2:8006/api2/json/";
    public const string TokenId = "pveagent@pve!orchestrator";
    public const string Secret = PveAgentSimulatorOptions.DefaultTokenSecret;

    public static ClusterConfig HomeLab(string? sourcePath = null) => new()
    {
        Cluster = new ClusterSettings { Name = "homelab", Simulate = true },
        Proxmox = new ProxmoxConnectionConfig
        {
            Host = "192.168.0.2",
            Port = 8006,
            User = "pveagent@pve",
            TokenName = "orchestrator",
            TokenSecret = new TokenSecretSource { EnvironmentVariable = "PVEAGENT_TOKEN" },
        },
        SourcePath = sourcePath,
        Nodes =
        [
            new NodeConfig
            {
                Name = "brian",
                Host = "192.168.0.183",
                Type = "gpu-worker",
                WakeOnLan = new WakeOnLanConfig { Mac = "D8:5E:D3:4A:11:83" },
                Accelerators = [new AcceleratorConfig { Kind = AcceleratorKind.Nvidia, Model = "RTX 3090", Count = 3, VramGb = 24 }],
                Capabilities = [Capabilities.LlmInference, Capabilities.Training],
                Services =
                [
                    new ServiceConfig { Name = "vllm", Kind = ServiceKind.Vllm, Port = 8000, Guest = 201, Models = ["llama-3.3-70b"] },
                    new ServiceConfig { Name = "ollama", Kind = ServiceKind.Ollama, Port = 11434, Guest = 202, Models = ["llama3.2:3b"] },
                ],
            },
            new NodeConfig
            {
                Name = "pve3",
                Host = "192.168.0.103",
                Type = "storage-compute",
                Storage = [new StorageConfig { Path = "/mnt/nas", SizeTb = 14, Type = "hdd" }],
                Services = [new ServiceConfig { Name = "llamacpp", Kind = ServiceKind.LlamaCpp, Port = 8080, Guest = 301 }],
            },
            new NodeConfig
            {
                Name = "edge-tt",
                Host = "192.168.0.150",
                Type = "accelerator",
                WakeOnLan = new WakeOnLanConfig { Mac = "D8:5E:D3:4A:11:50", BootSeconds = 60 },
                Accelerators = [new AcceleratorConfig { Kind = AcceleratorKind.Tenstorrent, Model = "wormhole-n150", Count = 1, VramGb = 12 }],
                Services =
                [
                    new ServiceConfig { Name = "whisper", Kind = ServiceKind.Whisper, Port = 9000, Guest = 401 },
                    new ServiceConfig { Name = "vllm", Kind = ServiceKind.Vllm, Port = 8000, Guest = 402 },
                    new ServiceConfig { Name = "embed", Kind = ServiceKind.Vllm, Port = 8001, Guest = 402 },
                ],
            },
        ],
    };
}
