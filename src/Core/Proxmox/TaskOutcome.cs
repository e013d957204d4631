namespace PveAgent.Core.Proxmox;

/// <summary>How a waited-for task ended.</summary>
public sealed record TaskOutcome
{
    /// <summary>The task.</summary>
    public required Upid Upid { get; init; }

    /// <summary>True for exit status <c>OK</c> or <c>WARNINGS: n</c>.</summary>
    public required bool Succeeded { get; init; }

    /// <summary>PVE's exit status: <c>OK</c>, <c>WARNINGS: n</c>, or the error text (e.g. "migration aborted").</summary>
    public required string ExitStatus { get; init; }

    /// <summary>Time from the start of the wait until the stopped status was seen (so within one poll interval of the real end).</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>On failure the last lines of the task log (about 20), which usually hold the reason; empty on success.</summary>
    public IReadOnlyList<string> LogTail { get; init; } = [];

    /// <summary>True when the task logged warnings but succeeded.</summary>
    public bool HasWarnings => TaskExitStatus.HasWarnings(ExitStatus);

    /// <summary>
    /// True for <c>hastart</c>/<c>hastop</c>/<c>hamigrate</c>…: the task only queued the request with the HA manager, which acts
    /// later; confirm the end state through the guest's status.
    /// </summary>
    public bool QueuedWithHa => Upid.Type.StartsWith("ha", StringComparison.Ordinal);
}
