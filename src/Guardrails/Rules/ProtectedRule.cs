using PveAgent.Core.Plans;

namespace PveAgent.Guardrails.Rules;

/// <summary>Protected guests and nodes: a disruptive or destructive action on one is denied; any other change needs approval.</summary>
internal sealed class ProtectedRule : IPolicyRule
{
    public RuleVerdict? Evaluate(PolicyContext context)
    {
        var shielded = context.Policy.Protected;
        var hits = new List<string>();
        foreach (var guest in ActionTargets.Guests(context.Action))
        {
            var now = context.Snapshot.FindGuest(guest.VmId);
            var name = now?.Name is { Length: > 0 } current ? current : guest.Name;
            var node = now?.Node ?? guest.Node;
            var why = new List<string>();
            if (shielded.GuestIds.Contains(guest.VmId))
            {
                why.Add($"id {guest.VmId} is listed");
            }

            if (name.Length > 0 && shielded.GuestNames.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                why.Add($"name '{name}' is listed");
            }

            why.AddRange((now?.Tags ?? []).Where(t => shielded.Tags.Contains(t, StringComparer.OrdinalIgnoreCase)).Select(t => $"tag '{t}'"));
            if (shielded.Nodes.Contains(node, StringComparer.OrdinalIgnoreCase))
            {
                why.Add($"it is on protected node {node}");
            }

            if (why.Count > 0)
            {
                hits.Add($"{guest} is protected ({string.Join(", ", why)})");
            }
        }

        hits.AddRange(ActionTargets.Nodes(context.Action)
            .Where(n => shielded.Nodes.Contains(n, StringComparer.OrdinalIgnoreCase))
            .Select(n => $"node {n} is protected"));

        if (hits.Count == 0)
        {
            return null;
        }

        var what = string.Join("; ", hits);
        return context.Effect is ToolEffect.Disruptive or ToolEffect.Destructive
            ? RuleVerdict.Deny($"{what}: {Words.Effect(context.Effect)} actions on it are not allowed ({context.Action.Describe()})")
            : RuleVerdict.NeedsApproval($"{what}: every change to it needs approval");
    }
}
