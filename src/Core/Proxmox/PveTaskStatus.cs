using System.Text.Json.Serialization;

namespace PveAgent.Core.Proxmox;

/// <summary>A task's state (<c>GET /nodes/{node}/tasks/{upid}/status</c>); there is no end time in this answer.</summary>
public sealed record PveTaskStatus
{
    /// <summary>The task id as PVE echoes it.</summary>
    [JsonPropertyName("upid")]
    public required string Upid { get; init; }

    /// <summary><c>running</c> or <c>stopped</c>.</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    /// <summary>Once stopped: <c>OK</c>, <c>WARNINGS: n</c>, or the error text; null while running.</summary>
    [JsonPropertyName("exitstatus")]
    public string? ExitStatus { get; init; }

    /// <summary>Node running the task.</summary>
    [JsonPropertyName("node")]
    public string? Node { get; init; }

    /// <summary>Task type, e.g. <c>qmstart</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>Object of the task, usually the vmid.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>User that started the task (without the token part).</summary>
    [JsonPropertyName("user")]
    public string? User { get; init; }

    /// <summary>Token name when a token started the task.</summary>
    [JsonPropertyName("tokenid")]
    public string? TokenId { get; init; }

    /// <summary>Worker process id.</summary>
    [JsonPropertyName("pid")]
    public long? Pid { get; init; }

    /// <summary>Worker process start in clock ticks since boot.</summary>
    [JsonPropertyName("pstart")]
    public long? ProcessStart { get; init; }

    /// <summary>Task start as Unix time in seconds.</summary>
    [JsonPropertyName("starttime")]
    public long? StartTime { get; init; }

    /// <summary>True while the worker process still runs.</summary>
    [JsonIgnore]
    public bool IsRunning => Status == "running";

    /// <summary>True once stopped with <c>OK</c> or <c>WARNINGS: n</c>.</summary>
    [JsonIgnore]
    public bool Succeeded => !IsRunning && TaskExitStatus.IsSuccess(ExitStatus);
}
