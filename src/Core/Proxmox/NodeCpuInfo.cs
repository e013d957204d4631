using System.Text.Json.Serialization;

namespace PveAgent.Core.Proxmox;

/// <summary>A node's CPU (<c>cpuinfo</c> of the node status).</summary>
public sealed record NodeCpuInfo
{
    /// <summary>CPU model name.</summary>
    [JsonPropertyName("model")]
    public string? Model { get; init; }

    /// <summary>Physical sockets.</summary>
    [JsonPropertyName("sockets")]
    public int? Sockets { get; init; }

    /// <summary>Cores per node.</summary>
    [JsonPropertyName("cores")]
    public int? Cores { get; init; }

    /// <summary>Logical CPUs (threads).</summary>
    [JsonPropertyName("cpus")]
    public int? Cpus { get; init; }

    /// <summary>Clock in MHz (PVE sends a string such as <c>"3400.000"</c>).</summary>
    [JsonPropertyName("mhz")]
    public double? Mhz { get; init; }

    /// <summary>Hardware virtualisation available (PVE sends <c>"1"</c>).</summary>
    [JsonPropertyName("hvm")]
    public bool? Hvm { get; init; }

    /// <summary>CPU flags, space-separated.</summary>
    [JsonPropertyName("flags")]
    public string? Flags { get; init; }
}
