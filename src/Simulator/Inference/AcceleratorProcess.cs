namespace PveAgent.Simulator.Inference;

/// <summary>A simulated server process holding memory on an accelerator (nvidia-smi's <c>process_info</c>, tt-smi's <c>processes</c>).</summary>
public sealed record AcceleratorProcess
{
    /// <summary>Process id (stable per service).</summary>
    public required int Pid { get; init; }

    /// <summary>Executable, e.g. <c>/usr/local/bin/ollama</c>.</summary>
    public required string ProcessName { get; init; }

    /// <summary>Full command line.</summary>
    public required string CommandLine { get; init; }

    /// <summary>Service the process belongs to.</summary>
    public required string Service { get; init; }

    /// <summary>Device memory the process holds on this device, GB.</summary>
    public required double MemoryGb { get; init; }
}
