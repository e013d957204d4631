using System.Text.Json;
using System.Text.Json.Serialization;

namespace PveAgent.Core.Proxmox.Json;

/// <summary>The body of a failed call: <c>{"data":null,"errors":{"param":"why"},"message":"…"}</c> (each part optional).</summary>
internal sealed class PveErrorBody
{
    [JsonPropertyName("errors")]
    public Dictionary<string, JsonElement>? Errors { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }
}
