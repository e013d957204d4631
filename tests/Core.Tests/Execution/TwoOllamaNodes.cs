using PveAgent.Core.Registry;

namespace PveAgent.Core.Tests.Execution;

/// <summary>Small labs for task runs: two identical GPU nodes with Ollama (alpha wins ties by name), or one that can sleep.</summary>
internal static class TwoOllamaNodes
{
    private const string Proxmox = """
        cluster:
          name: lab
          simulate: true
          proxmox:
            host: 10.0.0.2
            port: 8006
            user: pveagent@pve
            token_name: orchestrator
            token_value_env: PVEAGENT_TOKEN
        """;

    public static ClusterConfig Config { get; } = Load(Proxmox + """

        nodes:
          alpha:
            host: 10.0.0.11
            type: gpu-worker
            accelerators:
              - type: nvidia
                model: RTX 3090
                count: 1
                vram_gb: 24
            capabilities: [llm-inference]
            services:
              ollama:
                port: 11434
                guest: 201
                models: [llama3.2:3b, qwen2.5:7b]
          beta:
            host: 10.0.0.12
            type: gpu-worker
            accelerators:
              - type: nvidia
                model: RTX 3090
                count: 1
                vram_gb: 24
            capabilities: [llm-inference]
            services:
              ollama:
                port: 11434
                guest: 301
                models: [llama3.2:3b, qwen2.5:7b]
        """);

    /// <summary>alpha can sleep (Wake-on-LAN, 60 s boot); gamma is an always-on node without services.</summary>
    public static ClusterConfig Sleepy { get; } = Load(Proxmox + """

        nodes:
          alpha:
            host: 10.0.0.11
            type: gpu-worker
            wake_on_lan:
              mac: "AA:BB:CC:DD:EE:01"
              boot_seconds: 60
            accelerators:
              - type: nvidia
                model: RTX 3090
                count: 1
                vram_gb: 24
            capabilities: [llm-inference]
            services:
              ollama:
                port: 11434
                guest: 201
                models: [llama3.2:3b]
          gamma:
            host: 10.0.0.13
            type: storage-compute
            capabilities: [storage]
        """);

    private static ClusterConfig Load(string yaml)
    {
        var result = new ClusterConfigLoader().Load(yaml, "lab.yaml");
        return result.Config ?? throw new InvalidOperationException("The test lab does not load: " + string.Join("; ", result.Diagnostics));
    }
}
