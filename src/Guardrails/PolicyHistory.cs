using PveAgent.Core.Plans;

namespace PveAgent.Guardrails;

/// <summary>What PveAgent did recently that limits what it may do now (migrations in the last hour), read from the plan journal.</summary>
public sealed record PolicyHistory
{
    /// <summary>The action kind of migrations in the journal.</summary>
    public const string MigrationAction = "guest.migrate";

    /// <summary>No history.</summary>
    public static PolicyHistory Empty { get; } = new();

    /// <summary>Migrations started, oldest first.</summary>
    public IReadOnlyList<PastMigration> Migrations { get; init; } = [];

    /// <summary>The history in <paramref name="entries"/>: each step or compensation that sent a migration counts once, at its first send.</summary>
    public static PolicyHistory FromJournal(IEnumerable<JournalEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var migrations = entries
            .Where(e => e.Action == MigrationAction && e.State == StepState.Sending)
            .GroupBy(e => (e.PlanId, e.Kind, e.Step))
            .Select(g => new PastMigration(g.Key.PlanId, g.Key.Step, g.Min(e => e.SentAt ?? e.At)))
            .OrderBy(m => m.At)
            .ToList();
        return new PolicyHistory { Migrations = migrations };
    }

    /// <summary>Reads the last hour (before <paramref name="now"/>) of migrations from the store's journal.</summary>
    public static async Task<PolicyHistory> LoadAsync(PlanStore store, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return FromJournal(await store.ReadJournalSinceAsync(now - TimeSpan.FromHours(1), MigrationAction, cancellationToken));
    }
}
