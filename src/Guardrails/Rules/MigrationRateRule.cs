using PveAgent.Core.Plans;

namespace PveAgent.Guardrails.Rules;

/// <summary>Migrations over <c>max_migrations_per_hour</c> (counting this plan's earlier ones) or <c>max_concurrent_migrations</c> are denied.</summary>
internal sealed class MigrationRateRule : IPolicyRule
{
    public RuleVerdict? Evaluate(PolicyContext context)
    {
        if (context.Action is not MigrateGuestAction migrate)
        {
            return null;
        }

        var limits = context.Policy.Limits;
        if (limits.MaxMigrationsPerHour == 0 || limits.MaxConcurrentMigrations == 0)
        {
            return RuleVerdict.Deny($"migrations are switched off (guardrails.limits.{(limits.MaxMigrationsPerHour == 0 ? "max_migrations_per_hour" : "max_concurrent_migrations")} is 0)");
        }

        // This plan's own migrations are counted from its steps, not from the journal, so re-checking at apply time does not count them twice.
        var pastHour = context.History.Migrations.Count(m => m.PlanId != context.Plan.Id && m.At > context.Now - TimeSpan.FromHours(1));
        var ownSoFar = context.Plan.Steps.Count(s => s.Index <= context.Step.Index && s.Action is MigrateGuestAction);
        if (pastHour + ownSoFar > limits.MaxMigrationsPerHour)
        {
            return RuleVerdict.Deny(
                $"this would be migration {pastHour + ownSoFar} within an hour ({pastHour} already started in the last hour, {ownSoFar} in this plan up to this step); "
                + $"the guardrails allow {limits.MaxMigrationsPerHour} per hour (guardrails.limits.max_migrations_per_hour)");
        }

        var running = context.Snapshot.Guests.Where(g => g.Lock == "migrate" && g.VmId != migrate.Guest.VmId).ToList();
        if (running.Count >= limits.MaxConcurrentMigrations)
        {
            return RuleVerdict.Deny(
                $"{running.Count} migration{(running.Count == 1 ? " is" : "s are")} running now ({string.Join(", ", running.Select(g => GuestRef.From(g).ToString()))}); "
                + $"the guardrails allow {limits.MaxConcurrentMigrations} at a time (guardrails.limits.max_concurrent_migrations): wait until {(running.Count == 1 ? "it finishes" : "they finish")}");
        }

        return null;
    }
}
