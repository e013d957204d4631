namespace PveAgent.Guardrails.Audit;

/// <summary>What an audit record is about (written kebab-case: <c>plan-created</c>).</summary>
public enum AuditKind
{
    /// <summary>A plan was made and saved.</summary>
    PlanCreated,

    /// <summary>The guardrails' verdict on one step.</summary>
    Verdict,

    /// <summary>A plan was approved or declined, and by whom.</summary>
    Approval,

    /// <summary>A step is being sent.</summary>
    StepStarted,

    /// <summary>A step finished (succeeded or failed).</summary>
    StepFinished,

    /// <summary>A compensation ran after a failure.</summary>
    Compensation,

    /// <summary>An apply ended; the report is attached.</summary>
    ApplyFinished,

    /// <summary>An apply was refused; nothing ran.</summary>
    Refused,

    /// <summary>An apply found the plan stale; nothing ran.</summary>
    Stale,
}
