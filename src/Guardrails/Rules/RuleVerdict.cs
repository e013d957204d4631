using PveAgent.Core.Plans;

namespace PveAgent.Guardrails.Rules;

/// <summary>What one rule says about a step, with the reason in plain words.</summary>
internal sealed record RuleVerdict(PolicyDecision Decision, string Reason)
{
    public static RuleVerdict Allow(string reason) => new(PolicyDecision.Allow, reason);

    public static RuleVerdict NeedsApproval(string reason) => new(PolicyDecision.NeedsApproval, reason);

    public static RuleVerdict Deny(string reason) => new(PolicyDecision.Deny, reason);
}
