using System.Text.Json.Serialization;

namespace PveAgent.Core.Proxmox;

/// <summary>A node's running kernel (uname fields).</summary>
public sealed record NodeKernelInfo
{
    /// <summary>OS name, <c>Linux</c>.</summary>
    [JsonPropertyName("sysname")]
    public string? SysName { get; init; }

    /// <summary>Kernel release, e.g. <c>6.8.12-15-pve</c>.</summary>
    [JsonPropertyName("release")]
    public string? Release { get; init; }

    /// <summary>Kernel build version.</summary>
    [JsonPropertyName("version")]
    public string? Version { get; init; }

    /// <summary>Machine architecture, e.g. <c>x86_64</c>.</summary>
    [JsonPropertyName("machine")]
    public string? Machine { get; init; }
}
