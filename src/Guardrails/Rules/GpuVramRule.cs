using PveAgent.Core.Plans;
using PveAgent.Core.State;

namespace PveAgent.Guardrails.Rules;

/// <summary>
/// Passing a GPU through takes it away from everything else on the node: the node must keep <c>min_free_vram_gib</c> of
/// accelerator memory free for other work. When the device cannot be told apart, the one with the most free memory is assumed.
/// </summary>
internal sealed class GpuVramRule : IPolicyRule
{
    public RuleVerdict? Evaluate(PolicyContext context)
    {
        var minimum = context.Policy.Limits.MinFreeVramGib;
        if (context.Action is not AssignGpuAction assign || minimum <= 0)
        {
            return null;
        }

        var nodeName = context.Snapshot.FindGuest(assign.Guest.VmId)?.Node ?? assign.Guest.Node;
        if (context.Snapshot.FindNode(nodeName) is not { } node || node.Accelerators.Count == 0)
        {
            return RuleVerdict.Deny($"node {nodeName} reports no accelerator, so passing '{assign.Device}' through to {assign.Guest} cannot be checked against min_free_vram_gib");
        }

        var free = node.Accelerators.Select(a => (Device: a, FreeGib: (a.MemoryFreeMib ?? a.MemoryTotalMib ?? 0) / 1024)).ToList();
        var earlierOnNode = context.EarlierSteps.Select(s => s.Action).OfType<AssignGpuAction>()
            .Count(a => string.Equals(context.Snapshot.FindGuest(a.Guest.VmId)?.Node ?? a.Guest.Node, nodeName, StringComparison.OrdinalIgnoreCase));
        var taken = free.Where(f => Matches(f.Device, assign.Device)).Take(1).ToList();
        var remaining = free.Except(taken).OrderByDescending(f => f.FreeGib).Skip(taken.Count == 0 ? 1 + earlierOnNode : earlierOnNode).Sum(f => f.FreeGib);
        return remaining < minimum
            ? RuleVerdict.Deny(
                $"passing '{assign.Device}' through to {assign.Guest} leaves {nodeName} with {Words.Gib(remaining)} GiB of free accelerator memory for other work; "
                + $"the guardrails keep at least {Words.Gib(minimum)} GiB free (guardrails.limits.min_free_vram_gib)")
            : RuleVerdict.Allow($"{nodeName} keeps {Words.Gib(remaining)} GiB of free accelerator memory (at least {Words.Gib(minimum)} GiB required)");
    }

    private static bool Matches(AcceleratorState accelerator, string device) =>
        accelerator.Id is { Length: > 0 } id && device.Contains(id, StringComparison.OrdinalIgnoreCase);
}
