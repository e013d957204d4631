using PveAgent.Core.Plans;

namespace PveAgent.Guardrails.Audit;

/// <summary>Writes each apply event to the audit log, then passes it on to the progress display (if any).</summary>
public sealed class AuditingProgress : IProgress<ApplyProgress>
{
    private readonly AuditLog _log;
    private readonly IProgress<ApplyProgress>? _inner;

    /// <summary>Wraps <paramref name="inner"/> (may be null) with auditing to <paramref name="log"/>.</summary>
    public AuditingProgress(AuditLog log, IProgress<ApplyProgress>? inner = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        _log = log;
        _inner = inner;
    }

    /// <inheritdoc />
    public void Report(ApplyProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _log.Record(value);
        _inner?.Report(value);
    }
}
