namespace PveAgent.Guardrails;

/// <summary>How much PveAgent may change without asking (<c>guardrails.mode</c>).</summary>
public enum GuardrailMode
{
    /// <summary><c>read-only</c>: reads only; every change is denied.</summary>
    ReadOnly,

    /// <summary><c>approve-writes</c> (the default): every change needs approval.</summary>
    ApproveWrites,

    /// <summary><c>approve-disruptive</c>: reversible changes run; disruptive and destructive ones need approval.</summary>
    ApproveDisruptive,

    /// <summary><c>autonomous</c>: reversible and disruptive changes run; destructive ones still need approval.</summary>
    Autonomous,
}
