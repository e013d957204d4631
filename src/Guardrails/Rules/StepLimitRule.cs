namespace PveAgent.Guardrails.Rules;

/// <summary>A plan longer than <c>max_steps_per_plan</c> is denied as a whole (every step carries the reason).</summary>
internal sealed class StepLimitRule : IPolicyRule
{
    public RuleVerdict? Evaluate(PolicyContext context)
    {
        var limit = context.Policy.Limits.MaxStepsPerPlan;
        return context.Plan.Steps.Count > limit
            ? RuleVerdict.Deny($"the plan has {context.Plan.Steps.Count} steps and the guardrails allow at most {limit} per plan (guardrails.limits.max_steps_per_plan); split it into smaller plans")
            : null;
    }
}
