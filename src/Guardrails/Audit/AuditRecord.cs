using System.Text.Json;

namespace PveAgent.Guardrails.Audit;

/// <summary>
/// One line of <c>audit.jsonl</c>. <see cref="AuditLog.Append"/> fills in <see cref="Seq"/>, <see cref="At"/> and
/// <see cref="Prev"/> (the SHA-256 of the previous line), so any edit of an earlier line breaks the chain.
/// </summary>
public sealed record AuditRecord
{
    /// <summary>1-based position in the log.</summary>
    public long Seq { get; init; }

    /// <summary>When it was written.</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>What it is about.</summary>
    public required AuditKind Kind { get; init; }

    /// <summary>The plan, when it is about one.</summary>
    public string? PlanId { get; init; }

    /// <summary>The step (for a compensation: the step it undid).</summary>
    public int? Step { get; init; }

    /// <summary>Who acted: <c>person</c>, <c>--yes</c>, <c>mcp-elicitation</c> for approvals.</summary>
    public string? Actor { get; init; }

    /// <summary>A verdict (<c>allow</c>, <c>needs-approval</c>, <c>deny</c>) or an approval (<c>approved</c>, <c>declined</c>).</summary>
    public string? Decision { get; init; }

    /// <summary>How a step, compensation or apply ended (<c>succeeded</c>, <c>failed</c>, <c>applied</c> …).</summary>
    public string? Status { get; init; }

    /// <summary>The Proxmox task id, when there was one.</summary>
    public string? Upid { get; init; }

    /// <summary>What happened, in one line.</summary>
    public required string Message { get; init; }

    /// <summary>Why it failed.</summary>
    public string? Error { get; init; }

    /// <summary>The reasons of a verdict or refusal, or the facts a stale plan no longer meets.</summary>
    public IReadOnlyList<string>? Reasons { get; init; }

    /// <summary>The plan or the apply report, for <see cref="AuditKind.PlanCreated"/> and <see cref="AuditKind.ApplyFinished"/>.</summary>
    public JsonElement? Data { get; init; }

    /// <summary>Hexadecimal SHA-256 of the previous line (64 zeros for the first record).</summary>
    public string Prev { get; init; } = "";
}
