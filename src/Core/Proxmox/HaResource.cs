using System.Globalization;
using System.Text.Json.Serialization;

namespace PveAgent.Core.Proxmox;

/// <summary>An HA-managed resource (<c>GET /cluster/ha/resources</c>): lifecycle actions on it only queue requests with the HA manager.</summary>
public sealed record HaResource
{
    /// <summary>Service id, <c>vm:100</c> or <c>ct:200</c>.</summary>
    [JsonPropertyName("sid")]
    public required string Sid { get; init; }

    /// <summary><c>vm</c> or <c>ct</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>Requested state (<c>started</c>, <c>stopped</c>, <c>disabled</c>, <c>ignored</c>).</summary>
    [JsonPropertyName("state")]
    public string? State { get; init; }

    /// <summary>HA group (before PVE 9's rules).</summary>
    [JsonPropertyName("group")]
    public string? Group { get; init; }

    /// <summary>Restart attempts on the same node before relocating.</summary>
    [JsonPropertyName("max_restart")]
    public int? MaxRestart { get; init; }

    /// <summary>Relocation attempts before giving up.</summary>
    [JsonPropertyName("max_relocate")]
    public int? MaxRelocate { get; init; }

    /// <summary>Free-text comment.</summary>
    [JsonPropertyName("comment")]
    public string? Comment { get; init; }

    /// <summary>The guest id from <see cref="Sid"/>, when it has one.</summary>
    [JsonIgnore]
    public int? VmId
    {
        get
        {
            var colon = Sid.IndexOf(':', StringComparison.Ordinal);
            return colon >= 0 && int.TryParse(Sid.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        }
    }
}
