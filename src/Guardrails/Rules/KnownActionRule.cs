using System.Text.Json;

namespace PveAgent.Guardrails.Rules;

/// <summary>Deny by default: an action type, tool or argument shape the guardrails do not know is denied.</summary>
internal sealed class KnownActionRule : IPolicyRule
{
    public RuleVerdict? Evaluate(PolicyContext context)
    {
        if (!ActionTargets.IsKnown(context.Action))
        {
            return RuleVerdict.Deny($"the guardrails do not know the action {context.Action.GetType().Name} ({context.Action.Describe()}), so it is denied by default");
        }

        if (context.ToolEffects is { } tools)
        {
            if (!tools.TryGetValue(context.BaseTool, out var declared))
            {
                return RuleVerdict.Deny($"tool '{context.Step.Tool}' is not in the tool catalog, so it is denied by default");
            }

            if (!context.IsUndo && declared < context.Effect)
            {
                return RuleVerdict.Deny($"tool '{context.Step.Tool}' is declared {Words.Effect(declared)} but its step is {Words.Effect(context.Effect)} ({context.Action.Describe()}); the plan is inconsistent — make it again");
            }
        }

        if (context.Step.Arguments.ValueKind != JsonValueKind.Object)
        {
            return RuleVerdict.Deny($"the arguments of step {context.Step.Index} are not a JSON object (got {Words.Kind(context.Step.Arguments.ValueKind)}), so the call cannot be checked");
        }

        return null;
    }
}
