namespace PveAgent.Core.Registry;

/// <summary>The family of an accelerator, as written in <c>cluster.yaml</c> (<c>type:</c> of an accelerator).</summary>
public enum AcceleratorKind
{
    /// <summary>Plain CPU cores (no accelerator).</summary>
    Cpu,

    /// <summary>NVIDIA GPU, telemetry from nvidia-smi.</summary>
    Nvidia,

    /// <summary>Tenstorrent card (Grayskull, Wormhole, Blackhole), telemetry from tt-smi.</summary>
    Tenstorrent,

    /// <summary>AMD GPU.</summary>
    Amd,

    /// <summary>FPGA board.</summary>
    Fpga,
}
