using PveAgent.Core.Proxmox;

namespace PveAgent.Core.Plans;

/// <summary>What <see cref="IActionRunner.StartAsync"/> set in motion.</summary>
public sealed record ActionStarted
{
    /// <summary>The Proxmox task started, when the action runs as a task.</summary>
    public Upid? Upid { get; init; }

    /// <summary>When the request was sent.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Outcome already known (synchronous actions such as a config change), else null.</summary>
    public ActionOutcome? Completed { get; init; }

    /// <summary>Anything the waiting phase needs beyond the task id (e.g. the MAC a wake-up was sent to).</summary>
    public string? Detail { get; init; }
}
