using System.Globalization;
using PveAgent.Core.Plans;

namespace PveAgent.Guardrails.Rules;

/// <summary>With maintenance windows configured, disruptive and destructive actions run only inside one.</summary>
internal sealed class MaintenanceWindowRule : IPolicyRule
{
    public RuleVerdict? Evaluate(PolicyContext context)
    {
        var windows = context.Policy.MaintenanceWindows;
        if (windows.Count == 0 || context.Effect is not (ToolEffect.Disruptive or ToolEffect.Destructive))
        {
            return null;
        }

        if (windows.FirstOrDefault(w => w.Contains(context.Now)) is { } open)
        {
            return RuleVerdict.Allow($"inside the maintenance window {open}");
        }

        var next = windows.Select(w => (Window: w, Opens: w.NextOpening(context.Now))).MinBy(n => n.Opens);
        var local = TimeZoneInfo.ConvertTime(next.Opens, next.Window.TimeZone);
        return RuleVerdict.Deny(
            $"{Words.Effect(context.Effect)} actions may only run in a maintenance window and none is open now; the next opens "
            + $"{local.ToString("ddd yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} {next.Window.TimeZone.Id} (in {Words.Duration(next.Opens - context.Now)}, window {next.Window})");
    }
}
