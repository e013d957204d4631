using System.Text.Json.Serialization;

namespace PveAgent.Core.Proxmox.Json;

/// <summary>PVE's response wrapper: <c>{"data": …}</c>, with <c>total</c> on some lists.</summary>
internal sealed class PveEnvelope<T>
{
    [JsonPropertyName("data")]
    public T? Data { get; init; }

    [JsonPropertyName("total")]
    public long? Total { get; init; }
}
