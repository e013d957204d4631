using PveAgent.Core.Plans;
using PveAgent.Core.State;

namespace PveAgent.Guardrails.Rules;

/// <summary>
/// A running guest may only move to a node that stays under the CPU and memory ceilings with it added (and with the
/// plan's earlier migrations to or from that node applied); a VM counts with its configured memory, a container with its use.
/// </summary>
internal sealed class MigrationCapacityRule : IPolicyRule
{
    private const double GiB = 1024d * 1024 * 1024;

    public RuleVerdict? Evaluate(PolicyContext context)
    {
        if (context.Action is not MigrateGuestAction migrate
            || context.Snapshot.FindGuest(migrate.Guest.VmId) is not { IsRunning: true } guest
            || context.Snapshot.FindNode(migrate.TargetNode) is not { } target)
        {
            return null;
        }

        double cores = target.Cpu * target.MaxCpu;
        double memory = target.Memory;
        foreach (var earlier in context.EarlierSteps.Select(s => s.Action).OfType<MigrateGuestAction>())
        {
            if (context.Snapshot.FindGuest(earlier.Guest.VmId) is not { IsRunning: true } moved)
            {
                continue;
            }

            var sign = string.Equals(earlier.TargetNode, target.Name, StringComparison.OrdinalIgnoreCase) ? 1
                : string.Equals(moved.Node, target.Name, StringComparison.OrdinalIgnoreCase) ? -1 : 0;
            cores += sign * Cores(moved);
            memory += sign * Memory(moved);
        }

        cores += Cores(guest);
        memory += Memory(guest);
        var limits = context.Policy.Limits;
        var cpuShare = target.MaxCpu > 0 ? cores / target.MaxCpu : 0;
        var memoryShare = target.MaxMemory > 0 ? memory / target.MaxMemory : 0;
        if (memoryShare > limits.MigrationTargetMaxMemory)
        {
            return RuleVerdict.Deny(
                $"after moving {migrate.Guest} there, {target.Name} would use {Words.Percent(memoryShare)} of its memory ({Words.Gib(memory / GiB)} of {Words.Gib(target.MaxMemory / GiB)} GiB); "
                + $"a migration target may use at most {Words.Percent(limits.MigrationTargetMaxMemory)} (guardrails.limits.migration_target_max_memory)");
        }

        if (cpuShare > limits.MigrationTargetMaxCpu)
        {
            return RuleVerdict.Deny(
                $"after moving {migrate.Guest} there, {target.Name} would use {Words.Percent(cpuShare)} of its CPU ({cores:0.#} of {target.MaxCpu} cores busy); "
                + $"a migration target may use at most {Words.Percent(limits.MigrationTargetMaxCpu)} (guardrails.limits.migration_target_max_cpu)");
        }

        return RuleVerdict.Allow($"{target.Name} after the move: CPU {Words.Percent(cpuShare)}, memory {Words.Percent(memoryShare)} (ceilings {Words.Percent(limits.MigrationTargetMaxCpu)} and {Words.Percent(limits.MigrationTargetMaxMemory)})");
    }

    private static double Cores(GuestState guest) => guest.Cpu * guest.MaxCpu;

    // QEMU may grow to its configured memory at any time; a container only holds what it uses.
    private static double Memory(GuestState guest) => guest.Type == GuestType.Qemu ? guest.MaxMemory : guest.Memory;
}
