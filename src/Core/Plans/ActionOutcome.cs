namespace PveAgent.Core.Plans;

/// <summary>How an action ended.</summary>
public sealed record ActionOutcome
{
    /// <summary>True when the action did what it should (a task exit status of OK or WARNINGS counts).</summary>
    public required bool Succeeded { get; init; }

    /// <summary>One line for the report: "VM 105 now runs on pve3 (41 s)".</summary>
    public required string Summary { get; init; }

    /// <summary>Why it failed, in words a person acts on.</summary>
    public string? Error { get; init; }

    /// <summary>The Proxmox task's exit status, when there was a task.</summary>
    public string? ExitStatus { get; init; }

    /// <summary>Last lines of the task log on failure.</summary>
    public IReadOnlyList<string> LogTail { get; init; } = [];

    /// <summary>What the action produced for the person (the answer of an inference task), when any.</summary>
    public string? Output { get; init; }

    /// <summary>How long it took.</summary>
    public TimeSpan Duration { get; init; }
}
