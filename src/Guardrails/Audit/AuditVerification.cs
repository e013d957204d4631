namespace PveAgent.Guardrails.Audit;

/// <summary>The result of <see cref="AuditLog.VerifyAsync"/>.</summary>
public sealed record AuditVerification
{
    /// <summary>True when every line is a record and the hash chain is unbroken.</summary>
    public required bool Intact { get; init; }

    /// <summary>Records checked (up to the first problem).</summary>
    public required int Records { get; init; }

    /// <summary>1-based line of the first problem.</summary>
    public int? BrokenAtLine { get; init; }

    /// <summary>What is wrong there.</summary>
    public string? Problem { get; init; }
}
