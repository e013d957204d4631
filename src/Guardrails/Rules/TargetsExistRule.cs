using PveAgent.Core.Plans;
using PveAgent.Core.State;

namespace PveAgent.Guardrails.Rules;

/// <summary>
/// Deny by default for targets the cluster does not have: a guest that does not exist (and no earlier step creates), an id
/// already taken, a node that is not in the cluster or not online (and no earlier step wakes), a migration to where the guest is.
/// </summary>
internal sealed class TargetsExistRule : IPolicyRule
{
    public RuleVerdict? Evaluate(PolicyContext context)
    {
        var snapshot = context.Snapshot;
        var createdEarlier = context.EarlierSteps.Select(s => ActionTargets.CreatedId(s.Action)).OfType<int>().ToHashSet();
        var wokenEarlier = context.EarlierSteps.Select(s => s.Action).OfType<WakeNodeAction>().Select(w => w.Node).ToHashSet(StringComparer.OrdinalIgnoreCase);

        foreach (var guest in ActionTargets.Guests(context.Action))
        {
            if (snapshot.FindGuest(guest.VmId) is null && !createdEarlier.Contains(guest.VmId))
            {
                return RuleVerdict.Deny($"{guest} does not exist in the cluster");
            }
        }

        if (ActionTargets.CreatedId(context.Action) is { } id && snapshot.FindGuest(id) is { } taken)
        {
            return RuleVerdict.Deny($"id {id} is already taken by {GuestRef.From(taken)} on {taken.Node}");
        }

        foreach (var name in ActionTargets.Nodes(context.Action))
        {
            var node = snapshot.FindNode(name);
            if (node is null)
            {
                return RuleVerdict.Deny($"node {name} is not in the cluster");
            }

            if (node.Status != NodeStatus.Online && !wokenEarlier.Contains(name) && ActionTargets.NodesThatMustBeOnline(context.Action).Contains(name))
            {
                return RuleVerdict.Deny($"node {name} is {node.Status.ToString().ToLowerInvariant()}{(node.Status == NodeStatus.Asleep ? ": wake it in an earlier step" : "")}");
            }
        }

        if (context.Action is MigrateGuestAction migrate && snapshot.FindGuest(migrate.Guest.VmId) is { } current
            && string.Equals(current.Node, migrate.TargetNode, StringComparison.OrdinalIgnoreCase)
            && !context.EarlierSteps.Any(s => s.Action is MigrateGuestAction m && m.Guest.VmId == migrate.Guest.VmId))
        {
            return RuleVerdict.Deny($"{migrate.Guest} is already on {migrate.TargetNode}");
        }

        return null;
    }
}
