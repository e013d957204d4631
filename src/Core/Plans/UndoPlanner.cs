using System.Text.Json;
using PveAgent.Core.Plans.Json;
using PveAgent.Core.State;

namespace PveAgent.Core.Plans;

/// <summary>
/// Turns an applied plan into its undo plan: the compensations of its succeeded steps, newest first, as an ordinary plan
/// that goes through the guardrails, approval and the journaled <see cref="PlanApplier"/> like any other. When the undo
/// plan is applied, the applier marks the original <see cref="PlanStatus.Undone"/>.
/// </summary>
/// <remarks>
/// Flow for <c>/undo</c>: <see cref="PlanStore.FindLastAppliedAsync"/> → <see cref="PlanStore.ReadJournalAsync"/> →
/// <see cref="Propose"/> → guardrails verdicts → <see cref="PlanStore.SaveAsync"/> → approval → <see cref="PlanApplier.ApplyAsync"/>.
/// </remarks>
public static class UndoPlanner
{
    /// <summary>The <see cref="Plan.Planner"/> of an undo plan starts with this, followed by the id of the plan it undoes.</summary>
    public const string PlannerPrefix = "undo:";

    /// <summary>The tool name of an undo step is this followed by the original step's tool (<c>undo:migrate_guest</c>).</summary>
    public const string ToolPrefix = "undo:";

    /// <summary>Builds the undo plan of <paramref name="applied"/> from its journal.</summary>
    /// <param name="applied">The plan to undo.</param>
    /// <param name="journal">Its journal entries (which steps succeeded).</param>
    /// <param name="newPlanId">Id for the undo plan (<see cref="PlanStore.NewPlanIdAsync"/>).</param>
    /// <param name="snapshot">The cluster now, for the undo plan's fingerprint.</param>
    public static UndoProposal Propose(Plan applied, IReadOnlyList<JournalEntry> journal, string newPlanId, ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(applied);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentException.ThrowIfNullOrWhiteSpace(newPlanId);
        ArgumentNullException.ThrowIfNull(snapshot);

        var succeeded = applied.Steps
            .Where(s => journal.LastOrDefault(e => e.Kind == JournalKind.Step && e.Step == s.Index)?.State == StepState.Succeeded
                && journal.LastOrDefault(e => e.Kind == JournalKind.Compensation && e.Step == s.Index)?.State != StepState.Succeeded)
            .ToList();
        var irreversible = succeeded.Where(s => s.Compensation is null).Select(s => s.Index).ToList();
        var reversible = succeeded.Where(s => s.Compensation is not null).Reverse().ToList();
        if (reversible.Count == 0)
        {
            return new UndoProposal
            {
                Irreversible = irreversible,
                Problem = succeeded.Count == 0
                    ? $"plan {applied.Id} changed nothing that is still in place, so there is nothing to undo"
                    : $"none of the steps of plan {applied.Id} can be undone (step{(irreversible.Count == 1 ? "" : "s")} {string.Join(", ", irreversible)} ha{(irreversible.Count == 1 ? "s" : "ve")} no compensation)",
            };
        }

        var steps = reversible.Select((original, i) => new PlanStep
        {
            Index = i + 1,
            Tool = ToolPrefix + original.Tool,
            Arguments = JsonSerializer.SerializeToElement(new Dictionary<string, JsonElement>
            {
                ["plan"] = JsonSerializer.SerializeToElement(applied.Id, JsonUndo.Default.String),
                ["step"] = JsonSerializer.SerializeToElement(original.Index, JsonUndo.Default.Int32),
            }, JsonUndo.Default.DictionaryStringJsonElement),
            Action = original.Compensation!,
            Rationale = $"undo step {original.Index} of {applied.Id} ({original.Action.Describe()})",
            // Undoing the undo re-does the original step, so a failure half-way leaves the cluster as the plan had it.
            Compensation = original.Action,
        }).ToList();

        var note = irreversible.Count == 0 ? "" : $" Step{(irreversible.Count == 1 ? "" : "s")} {string.Join(", ", irreversible)} cannot be undone and stay{(irreversible.Count == 1 ? "s" : "")} as they are.";
        return new UndoProposal
        {
            Irreversible = irreversible,
            Plan = new Plan
            {
                Id = newPlanId,
                Intent = $"undo {applied.Id}: {applied.Intent}",
                CreatedAt = snapshot.TakenAt,
                Steps = steps,
                Preconditions = [],
                Fingerprint = PlanFingerprint.Compute([], snapshot),
                Summary = $"Undo plan {applied.Id} by reversing {steps.Count} step{(steps.Count == 1 ? "" : "s")}, newest first.{note}",
                Planner = PlannerPrefix + applied.Id,
            },
        };
    }

    /// <summary>The id of the plan <paramref name="plan"/> undoes, or null when it is not an undo plan.</summary>
    public static string? OriginalOf(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Planner.StartsWith(PlannerPrefix, StringComparison.Ordinal) && PlanIds.IsWellFormed(plan.Planner[PlannerPrefix.Length..])
            ? plan.Planner[PlannerPrefix.Length..]
            : null;
    }
}
