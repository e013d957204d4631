using System.Text.Json.Serialization;

namespace PveAgent.Core.Proxmox;

/// <summary>The API server's version (<c>GET /version</c>).</summary>
public sealed record PveVersion
{
    /// <summary>Full pve-manager version, e.g. <c>9.0.4</c>.</summary>
    [JsonPropertyName("version")]
    public required string Version { get; init; }

    /// <summary>Release line, e.g. <c>9.0</c>.</summary>
    [JsonPropertyName("release")]
    public string? Release { get; init; }

    /// <summary>Short commit id of the pve-manager build.</summary>
    [JsonPropertyName("repoid")]
    public string? RepoId { get; init; }

    /// <summary>Default console viewer configured for the datacenter, when set.</summary>
    [JsonPropertyName("console")]
    public string? Console { get; init; }
}
