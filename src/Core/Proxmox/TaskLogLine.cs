using System.Text.Json.Serialization;

namespace PveAgent.Core.Proxmox;

/// <summary>One line of a task log.</summary>
public sealed record TaskLogLine
{
    /// <summary>1-based line number.</summary>
    [JsonPropertyName("n")]
    public required int Number { get; init; }

    /// <summary>Line text.</summary>
    [JsonPropertyName("t")]
    public required string Text { get; init; }
}
