namespace PveAgent.Guardrails.Rules;

/// <summary><c>denied_tools</c> denies a tool; a present <c>allowed_tools</c> denies every tool not in it.</summary>
internal sealed class ToolListRule : IPolicyRule
{
    public RuleVerdict? Evaluate(PolicyContext context)
    {
        var tool = context.BaseTool;
        if (context.Policy.DeniedTools.Contains(tool, StringComparer.OrdinalIgnoreCase))
        {
            return RuleVerdict.Deny($"tool '{tool}' is denied by guardrails.denied_tools");
        }

        if (context.Policy.AllowedTools is { } allowed && !allowed.Contains(tool, StringComparer.OrdinalIgnoreCase))
        {
            return RuleVerdict.Deny($"tool '{tool}' is not in guardrails.allowed_tools ({(allowed.Count == 0 ? "which is empty" : "allowed: " + string.Join(", ", allowed))})");
        }

        return null;
    }
}
