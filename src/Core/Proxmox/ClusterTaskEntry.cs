using System.Text.Json.Serialization;

namespace PveAgent.Core.Proxmox;

/// <summary>A recent task of any node (<c>GET /cluster/tasks</c>); running tasks have no <see cref="EndTime"/> and no <see cref="Status"/>.</summary>
public sealed record ClusterTaskEntry
{
    /// <summary>The task id.</summary>
    [JsonPropertyName("upid")]
    public required string Upid { get; init; }

    /// <summary>Node running the task.</summary>
    [JsonPropertyName("node")]
    public string? Node { get; init; }

    /// <summary>Task type.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>Object of the task, usually the vmid.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>User that started it.</summary>
    [JsonPropertyName("user")]
    public string? User { get; init; }

    /// <summary>Token name, when a token started it.</summary>
    [JsonPropertyName("tokenid")]
    public string? TokenId { get; init; }

    /// <summary>Start as Unix time in seconds.</summary>
    [JsonPropertyName("starttime")]
    public long? StartTime { get; init; }

    /// <summary>End as Unix time in seconds, once finished.</summary>
    [JsonPropertyName("endtime")]
    public long? EndTime { get; init; }

    /// <summary>Exit text once finished (<c>OK</c>, <c>WARNINGS: n</c>, or the error).</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    /// <summary>True while the task has not finished.</summary>
    [JsonIgnore]
    public bool IsRunning => EndTime is null;

    /// <summary>True once finished with <c>OK</c> or <c>WARNINGS: n</c>.</summary>
    [JsonIgnore]
    public bool Succeeded => !IsRunning && TaskExitStatus.IsSuccess(Status);
}
