using PveAgent.Core.Plans;

namespace PveAgent.Guardrails.Rules;

/// <summary>The mode decides what needs approval: read-only denies every change; autonomous still asks for destructive ones.</summary>
internal sealed class ModeRule : IPolicyRule
{
    public RuleVerdict? Evaluate(PolicyContext context)
    {
        var effect = context.Effect;
        if (effect == ToolEffect.Read)
        {
            return RuleVerdict.Allow("reading does not change the cluster");
        }

        var mode = GuardrailsSectionBinder.ModeName(context.Policy.Mode);
        if (context.Step.Action is RunTaskAction { PowersOn: false } && context.Policy.Mode != GuardrailMode.ReadOnly)
        {
            // Sending a prompt to a service that is already up changes nothing in the cluster; asking each time would
            // only teach people to approve without reading.
            return RuleVerdict.Allow($"mode {mode}: an inference request to a running service changes nothing in the cluster");
        }

        return (context.Policy.Mode, effect) switch
        {
            (GuardrailMode.ReadOnly, _) => RuleVerdict.Deny(
                "the guardrails are in read-only mode, so no change to the cluster is allowed (set guardrails.mode to approve-writes to allow changes after approval)"),
            (GuardrailMode.ApproveWrites, _) => RuleVerdict.NeedsApproval($"mode {mode}: every change needs approval"),
            (GuardrailMode.ApproveDisruptive, ToolEffect.Write) => RuleVerdict.Allow($"mode {mode}: reversible changes run without asking"),
            (GuardrailMode.ApproveDisruptive, ToolEffect.Disruptive) => RuleVerdict.NeedsApproval($"mode {mode}: interrupting running work needs approval"),
            (GuardrailMode.Autonomous, ToolEffect.Write or ToolEffect.Disruptive) => RuleVerdict.Allow($"mode {mode}: {Words.Effect(effect)} changes run without asking"),
            _ => RuleVerdict.NeedsApproval($"mode {mode}: destructive changes (deleting, rolling back) always need approval"),
        };
    }
}
