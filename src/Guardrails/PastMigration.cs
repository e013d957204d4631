namespace PveAgent.Guardrails;

/// <summary>A migration PveAgent started, for the per-hour limit.</summary>
/// <param name="PlanId">The plan it belonged to.</param>
/// <param name="Step">The step (or the step a compensation undid).</param>
/// <param name="At">When its request was first sent.</param>
public sealed record PastMigration(string PlanId, int Step, DateTimeOffset At);
