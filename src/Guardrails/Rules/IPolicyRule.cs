namespace PveAgent.Guardrails.Rules;

/// <summary>One guardrail rule: a verdict with its reason, or null when the rule has nothing to say about the step.</summary>
internal interface IPolicyRule
{
    RuleVerdict? Evaluate(PolicyContext context);
}
