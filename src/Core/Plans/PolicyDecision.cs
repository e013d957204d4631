namespace PveAgent.Core.Plans;

/// <summary>The guardrail decision for one plan step.</summary>
public enum PolicyDecision
{
    /// <summary>May run without asking.</summary>
    Allow,

    /// <summary>May run once a person approves.</summary>
    NeedsApproval,

    /// <summary>Must not run; a plan holding a denied step cannot be applied.</summary>
    Deny,
}
