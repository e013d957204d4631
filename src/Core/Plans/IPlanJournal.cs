namespace PveAgent.Core.Plans;

/// <summary>
/// Where <see cref="PlanApplier"/> records what it does, so that a crashed apply resumes without repeating or losing an
/// action; <see cref="PlanStore"/> is the durable implementation.
/// </summary>
public interface IPlanJournal
{
    /// <summary>Appends one entry durably (the call returns once it is on disk).</summary>
    Task AppendAsync(JournalEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Every entry of a plan, oldest first.</summary>
    Task<IReadOnlyList<JournalEntry>> ReadJournalAsync(string planId, CancellationToken cancellationToken = default);

    /// <summary>The plan's status, or null when no plan has that id.</summary>
    Task<PlanStatus?> GetStatusAsync(string planId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes the exclusive right to apply the plan, held until disposed (and released by the operating system if the
    /// process dies); null when another apply of it, in this process or another, holds it.
    /// </summary>
    Task<IDisposable?> TryLockAsync(string planId, CancellationToken cancellationToken = default);

    /// <summary>Moves the plan to <paramref name="target"/> only if its status is one of <paramref name="expected"/>; false when it was not (another process got there first).</summary>
    Task<bool> TryTransitionAsync(string planId, IReadOnlyCollection<PlanStatus> expected, PlanStatus target, CancellationToken cancellationToken = default);
}
