using System.Text.Json.Serialization;

namespace PveAgent.Core.Proxmox;

/// <summary>How a node booted.</summary>
public sealed record NodeBootInfo
{
    /// <summary><c>efi</c> or <c>legacy-bios</c>.</summary>
    [JsonPropertyName("mode")]
    public string? Mode { get; init; }

    /// <summary>Secure boot state (EFI only).</summary>
    [JsonPropertyName("secureboot")]
    public bool? SecureBoot { get; init; }
}
