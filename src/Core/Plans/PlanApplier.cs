using PveAgent.Core.Proxmox;
using PveAgent.Core.State;

namespace PveAgent.Core.Plans;

/// <summary>
/// Carries out a saved, approved plan, journaled so that a crash never repeats or loses an action: refuses a plan with a
/// denied step, re-reads the cluster and refuses a stale plan, then runs the steps in order (each re-checked right before
/// it runs), recording every transition and the Proxmox task id <em>before</em> waiting on it; the first failure stops
/// the plan, runs the compensations of the steps already done in reverse order and skips the rest.
/// </summary>
/// <remarks>
/// A <see cref="PveApiException"/> is a failure of the step (Proxmox said no, or its task failed). Any other exception —
/// and cancellation — is treated like the process dying: nothing more is written, the exception propagates, and
/// <see cref="ApplyOptions.Resume"/> continues from the journal later.
/// </remarks>
public sealed class PlanApplier
{
    private static readonly PlanStatus[] Startable = [PlanStatus.Pending, PlanStatus.Refused, PlanStatus.Stale];

    private readonly IActionRunner _runner;
    private readonly IClusterSnapshotSource _cluster;
    private readonly IPlanJournal _journal;
    private readonly TimeProvider _timeProvider;
    private readonly IPlanGuard? _guard;

    /// <summary>Creates an applier.</summary>
    /// <param name="runner">Carries out the actions.</param>
    /// <param name="cluster">Reads the cluster for the stale check and the per-step re-checks.</param>
    /// <param name="journal">Where every transition is recorded (usually the <see cref="PlanStore"/> holding the plan).</param>
    /// <param name="timeProvider">Clock for journal times; the system clock when null.</param>
    /// <param name="guard">Re-asks the guardrails before the plan and before each step; without it only the verdicts saved in the plan count.</param>
    public PlanApplier(IActionRunner runner, IClusterSnapshotSource cluster, IPlanJournal journal, TimeProvider? timeProvider = null, IPlanGuard? guard = null)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(journal);
        _runner = runner;
        _cluster = cluster;
        _journal = journal;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _guard = guard;
    }

    /// <summary>
    /// Applies <paramref name="plan"/> (which must be saved in the journal's store), or with <see cref="ApplyOptions.Resume"/>
    /// continues an interrupted apply of it; a plan the journal shows finished is not run again.
    /// </summary>
    public async Task<ApplyReport> ApplyAsync(Plan plan, ApplyOptions options, IProgress<ApplyProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        var run = new Run(this, plan, progress);
        using var applying = PlanIds.IsWellFormed(plan.Id) ? await _journal.TryLockAsync(plan.Id, cancellationToken) : null;
        if (applying is null)
        {
            return PlanIds.IsWellFormed(plan.Id)
                ? run.Refuse([$"plan {plan.Id} is being applied by another pve-agent process (or another request) right now; wait for it to finish"])
                : run.Refuse([$"'{plan.Id}' is not a plan id (they look like p-3f9a1c); save the plan in the plan store before applying it"]);
        }

        return await ApplyLockedAsync(plan, options, run, cancellationToken);
    }

    /// <summary>The report of a plan as its journal shows it now (for <c>pve-agent plans show</c>).</summary>
    public Task<ApplyReport> ReportAsync(Plan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return BuildReportAsync(plan, alreadyFinished: false, cancellationToken);
    }

    private async Task<ApplyReport> ApplyLockedAsync(Plan plan, ApplyOptions options, Run run, CancellationToken cancellationToken)
    {
        switch (await _journal.GetStatusAsync(plan.Id, cancellationToken))
        {
            case null:
                return run.Refuse([$"plan {plan.Id} is not saved; save it in the plan store before applying it"]);
            case PlanStatus.Applied or PlanStatus.Failed or PlanStatus.Undone:
                return run.Finish(await BuildReportAsync(plan, alreadyFinished: true, cancellationToken));
            case PlanStatus.Applying when !options.Resume:
                // No other apply holds the lock, so this one was interrupted (the process died or was cancelled).
                return run.Refuse([$"an earlier apply of plan {plan.Id} was interrupted: run `pve-agent apply {plan.Id} --resume` to continue it"]);
            case PlanStatus.Applying:
                return await run.ExecuteAsync(await _journal.ReadJournalAsync(plan.Id, cancellationToken), firstSnapshot: null, cancellationToken);
        }

        if (Problems(plan, options) is { Count: > 0 } problems)
        {
            await _journal.TryTransitionAsync(plan.Id, Startable, PlanStatus.Refused, cancellationToken);
            return run.Refuse(problems);
        }

        run.Report(ApplyProgressKind.Checking, null, "reading the cluster to check that the facts the plan relies on still hold");
        var snapshot = await _cluster.ReadAsync(cancellationToken);
        var failed = plan.Preconditions.Select(p => (Fact: p, Check: p.Check(snapshot))).Where(c => !c.Check.Holds)
            .Select(c => new FailedPrecondition(c.Fact.Describe(), c.Check.Detail)).ToList();
        if (failed.Count > 0)
        {
            await _journal.TryTransitionAsync(plan.Id, Startable, PlanStatus.Stale, cancellationToken);
            return run.Stale(failed);
        }

        if (await GuardProblemsAsync(plan, snapshot, options, cancellationToken) is { Count: > 0 } denied)
        {
            await _journal.TryTransitionAsync(plan.Id, Startable, PlanStatus.Refused, cancellationToken);
            return run.Refuse(denied);
        }

        if (!await _journal.TryTransitionAsync(plan.Id, Startable, PlanStatus.Applying, cancellationToken))
        {
            return run.Refuse([$"another process started applying plan {plan.Id} at the same moment; run `pve-agent apply {plan.Id} --resume` if it stopped"]);
        }

        return await run.ExecuteAsync([], snapshot, cancellationToken);
    }

    private static List<string> Problems(Plan plan, ApplyOptions options)
    {
        var problems = new List<string>();
        for (var i = 0; i < plan.Steps.Count; i++)
        {
            var step = plan.Steps[i];
            if (step.Index != i + 1)
            {
                problems.Add($"the steps are numbered {string.Join(", ", plan.Steps.Select(s => s.Index))}; they must run 1, 2, 3 … in order — make the plan again");
                break;
            }

            foreach (var dependency in step.DependsOn.Where(d => d < 1 || d >= step.Index))
            {
                problems.Add($"step {step.Index} depends on step {dependency}, which does not run before it — make the plan again");
            }
        }

        foreach (var step in plan.Steps.Where(s => s.Verdict.Decision == PolicyDecision.Deny))
        {
            problems.Add($"step {step.Index} ({step.Action.Describe()}) is denied by the guardrails: {string.Join("; ", step.Verdict.Reasons)}");
        }

        if (problems.Count == 0 && plan.NeedsApproval && !options.Approved)
        {
            problems.Add($"the plan needs approval (steps {string.Join(", ", plan.Steps.Where(s => s.Verdict.Decision == PolicyDecision.NeedsApproval).Select(s => s.Index))}) and none was given");
        }

        return problems;
    }

    private async Task<List<string>> GuardProblemsAsync(Plan plan, ClusterSnapshot snapshot, ApplyOptions options, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        if (_guard is null)
        {
            return problems;
        }

        foreach (var step in plan.Steps)
        {
            if (GuardProblem(step, await _guard.CheckAsync(plan, step, snapshot, cancellationToken), options) is { } problem)
            {
                problems.Add(problem);
            }
        }

        return problems;
    }

    private static string? GuardProblem(PlanStep step, PolicyVerdict now, ApplyOptions options) => now.Decision switch
    {
        PolicyDecision.Deny => $"step {step.Index} ({step.Action.Describe()}) is now denied by the guardrails: {string.Join("; ", now.Reasons)}",
        PolicyDecision.NeedsApproval when !options.Approved =>
            $"step {step.Index} ({step.Action.Describe()}) now needs approval ({string.Join("; ", now.Reasons)}) and none was given",
        _ => null,
    };

    private async Task<ApplyReport> BuildReportAsync(Plan plan, bool alreadyFinished, CancellationToken cancellationToken)
    {
        var entries = await _journal.ReadJournalAsync(plan.Id, cancellationToken);
        var status = await _journal.GetStatusAsync(plan.Id, cancellationToken);
        return BuildReport(plan, entries, status, alreadyFinished);
    }

    private static ApplyReport BuildReport(Plan plan, IReadOnlyList<JournalEntry> entries, PlanStatus? planStatus, bool alreadyFinished)
    {
        var steps = plan.Steps.Select(step =>
        {
            var rows = entries.Where(e => e.Kind == JournalKind.Step && e.Step == step.Index).ToList();
            var last = rows.LastOrDefault();
            return new StepReport
            {
                Index = step.Index,
                Status = last?.State switch
                {
                    StepState.Succeeded => StepStatus.Succeeded,
                    StepState.Failed => StepStatus.Failed,
                    _ => StepStatus.Skipped,
                },
                Upid = rows.LastOrDefault(r => r.Upid is not null)?.Upid,
                Error = last?.State is StepState.Sending or StepState.Started ? "interrupted before it finished; resume with --resume" : last?.Error,
                Tool = step.Tool,
                Description = step.Action.Describe(),
                Summary = last?.Summary,
                Attempts = rows.Count == 0 ? 0 : rows.Max(r => r.Attempt),
            };
        }).ToList();

        var compensations = entries.Where(e => e.Kind == JournalKind.Compensation).GroupBy(e => e.Step).Select(g =>
        {
            var last = g.Last();
            var step = plan.Steps.FirstOrDefault(s => s.Index == g.Key);
            return new CompensationReport
            {
                Step = g.Key,
                Status = last.State switch
                {
                    StepState.Succeeded => StepStatus.Succeeded,
                    StepState.Failed => StepStatus.Failed,
                    _ => StepStatus.Skipped,
                },
                Upid = g.LastOrDefault(r => r.Upid is not null)?.Upid,
                Error = last.Error,
                Description = step?.Compensation?.Describe() ?? "",
                Summary = last.Summary,
            };
        }).ToList();

        var failedStep = steps.FirstOrDefault(s => s.Status == StepStatus.Failed);
        var status = failedStep is not null || planStatus == PlanStatus.Failed ? ApplyStatus.Failed : ApplyStatus.Applied;
        return new ApplyReport
        {
            PlanId = plan.Id,
            Status = status,
            Steps = steps,
            Compensations = compensations,
            Summary = Summarize(plan, steps, compensations, failedStep, planStatus, alreadyFinished),
            AlreadyFinished = alreadyFinished,
        };
    }

    private static string Summarize(Plan plan, List<StepReport> steps, List<CompensationReport> compensations, StepReport? failedStep, PlanStatus? planStatus, bool alreadyFinished)
    {
        var prefix = alreadyFinished ? $"Plan {plan.Id} had already finished; nothing was run again. " : "";
        var undone = planStatus == PlanStatus.Undone ? " It was undone later." : "";
        if (failedStep is null)
        {
            return $"{prefix}Applied plan {plan.Id}: {steps.Count(s => s.Status == StepStatus.Succeeded)} of {steps.Count} steps succeeded.{undone}";
        }

        var text = $"{prefix}Step {failedStep.Index} of {steps.Count} ({failedStep.Description}) failed: {failedStep.Error ?? "no reason given"}.";
        var compensated = compensations.Where(c => c.Status == StepStatus.Succeeded).Select(c => c.Step).ToList();
        var compensationFailed = compensations.Where(c => c.Status != StepStatus.Succeeded).Select(c => c.Step).ToList();
        var irreversible = steps.Where(s => s.Status == StepStatus.Succeeded && plan.Steps.First(p => p.Index == s.Index).Compensation is null).Select(s => s.Index).ToList();
        var skipped = steps.Where(s => s.Status == StepStatus.Skipped).Select(s => s.Index).ToList();
        if (compensated.Count > 0)
        {
            text += $" Undid step{Plural(compensated)} {string.Join(", ", compensated)}.";
        }

        if (compensationFailed.Count > 0)
        {
            text += $" Could not undo step{Plural(compensationFailed)} {string.Join(", ", compensationFailed)}: check the cluster by hand.";
        }

        if (irreversible.Count > 0)
        {
            text += $" Step{Plural(irreversible)} {string.Join(", ", irreversible)} cannot be undone and stay{(irreversible.Count == 1 ? "s" : "")} done.";
        }

        if (skipped.Count > 0)
        {
            text += $" Skipped step{Plural(skipped)} {string.Join(", ", skipped)}.";
        }

        return text;

        static string Plural(List<int> items) => items.Count == 1 ? "" : "s";
    }

    /// <summary>One call of <see cref="ApplyAsync"/>: the plan, the progress sink and what has been journaled so far.</summary>
    private sealed class Run(PlanApplier applier, Plan plan, IProgress<ApplyProgress>? progress)
    {
        private readonly Dictionary<(JournalKind Kind, int Step), JournalEntry> _last = [];
        private ClusterSnapshot? _firstSnapshot;

        public ApplyReport Refuse(IReadOnlyList<string> reasons)
        {
            var report = new ApplyReport
            {
                PlanId = plan.Id,
                Status = ApplyStatus.Refused,
                Steps = NothingRan(),
                Reasons = reasons,
                Summary = $"Refused plan {plan.Id}: {string.Join("; ", reasons)}. Nothing was changed.",
            };
            progress?.Report(new ApplyProgress { Kind = ApplyProgressKind.Refused, PlanId = plan.Id, Message = report.Summary, Report = report });
            return report;
        }

        public ApplyReport Stale(IReadOnlyList<FailedPrecondition> failed)
        {
            var report = new ApplyReport
            {
                PlanId = plan.Id,
                Status = ApplyStatus.Stale,
                Steps = NothingRan(),
                FailedPreconditions = failed,
                Summary = $"Plan {plan.Id} is stale: {string.Join("; ", failed.Select(f => $"it relies on \"{f.Fact}\" but {f.Now}"))}. Nothing was changed; make a new plan.",
            };
            progress?.Report(new ApplyProgress { Kind = ApplyProgressKind.Stale, PlanId = plan.Id, Message = report.Summary, Report = report });
            return report;
        }

        public ApplyReport Finish(ApplyReport report)
        {
            progress?.Report(new ApplyProgress { Kind = ApplyProgressKind.Finished, PlanId = plan.Id, Message = report.Summary, Report = report });
            return report;
        }

        public void Report(ApplyProgressKind kind, int? step, string message, string? upid = null, StepStatus? status = null, string? error = null, ActionProgress? action = null) =>
            progress?.Report(new ApplyProgress { Kind = kind, PlanId = plan.Id, Step = step, Message = message, Upid = upid, Status = status, Error = error, Action = action });

        public async Task<ApplyReport> ExecuteAsync(IReadOnlyList<JournalEntry> journaled, ClusterSnapshot? firstSnapshot, CancellationToken cancellationToken)
        {
            _firstSnapshot = firstSnapshot;
            foreach (var entry in journaled)
            {
                _last[(entry.Kind, entry.Step)] = entry;
            }

            PlanStep? failedStep = null;
            foreach (var step in plan.Steps)
            {
                var state = await RunStepAsync(step, cancellationToken);
                if (state != StepState.Succeeded)
                {
                    failedStep = step;
                    break;
                }
            }

            if (failedStep is null)
            {
                await applier._journal.TryTransitionAsync(plan.Id, [PlanStatus.Applying], PlanStatus.Applied, cancellationToken);
                if (UndoPlanner.OriginalOf(plan) is { } original)
                {
                    await applier._journal.TryTransitionAsync(original, [PlanStatus.Applied], PlanStatus.Undone, cancellationToken);
                }
            }
            else
            {
                await SkipAfterAsync(failedStep, cancellationToken);
                await CompensateBeforeAsync(failedStep, cancellationToken);
                await applier._journal.TryTransitionAsync(plan.Id, [PlanStatus.Applying], PlanStatus.Failed, cancellationToken);
            }

            return Finish(await applier.BuildReportAsync(plan, alreadyFinished: false, cancellationToken));
        }

        private async Task<StepState> RunStepAsync(PlanStep step, CancellationToken cancellationToken)
        {
            var last = Last(JournalKind.Step, step.Index);
            if (last?.State is StepState.Succeeded or StepState.Failed)
            {
                return last.State;
            }

            var unmet = step.DependsOn.Where(d => Last(JournalKind.Step, d)?.State != StepState.Succeeded).ToList();
            if (unmet.Count > 0)
            {
                return await FinishAsync(new Item(JournalKind.Step, step), last?.Attempt ?? 0, null,
                    new ActionOutcome { Succeeded = false, Summary = "not run", Error = $"it depends on step {string.Join(", ", unmet)}, which did not succeed" }, cancellationToken);
            }

            return await RunItemAsync(new Item(JournalKind.Step, step), cancellationToken);
        }

        private async Task SkipAfterAsync(PlanStep failedStep, CancellationToken cancellationToken)
        {
            foreach (var step in plan.Steps.Where(s => s.Index > failedStep.Index && Last(JournalKind.Step, s.Index) is null))
            {
                await AppendAsync(new Item(JournalKind.Step, step), StepState.Skipped, 0, error: $"not run because step {failedStep.Index} failed", cancellationToken: cancellationToken);
                Report(ApplyProgressKind.StepSkipped, step.Index, $"step {step.Index} skipped: {step.Action.Describe()}", status: StepStatus.Skipped);
            }
        }

        private async Task CompensateBeforeAsync(PlanStep failedStep, CancellationToken cancellationToken)
        {
            foreach (var step in plan.Steps.Where(s => s.Index < failedStep.Index).Reverse())
            {
                if (step.Compensation is not null && Last(JournalKind.Step, step.Index)?.State == StepState.Succeeded
                    && Last(JournalKind.Compensation, step.Index)?.State is not (StepState.Succeeded or StepState.Failed))
                {
                    await RunItemAsync(new Item(JournalKind.Compensation, step), cancellationToken);
                }
            }
        }

        // The state machine of one step or compensation, entered at whatever state the journal last recorded for it.
        private async Task<StepState> RunItemAsync(Item item, CancellationToken cancellationToken)
        {
            var last = Last(item.Kind, item.Step.Index);
            var attempt = last?.Attempt ?? 0;
            string? recoveryNote = null;
            switch (last?.State)
            {
                case StepState.Started:
                    return await WaitAsync(item, attempt, Restore(last), cancellationToken);
                case StepState.Sending:
                    var sentAt = last.SentAt ?? last.At;
                    var recovery = await applier._runner.RecoverAsync(item.Action, sentAt, cancellationToken);
                    if (recovery.FoundTask is { } task)
                    {
                        var found = new ActionStarted { Upid = task, StartedAt = sentAt };
                        await AppendAsync(item, StepState.Started, attempt, upid: task.ToString(), sentAt: sentAt, detail: recovery.Explanation, cancellationToken: cancellationToken);
                        Report(item.SentKind, item.Step.Index, $"{item.Label} was already sent before the interruption; following its task", upid: task.ToString());
                        return await WaitAsync(item, attempt, found, cancellationToken);
                    }

                    if (recovery.EffectAlreadyPresent)
                    {
                        return await FinishAsync(item, attempt, null, new ActionOutcome { Succeeded = true, Summary = recovery.Explanation }, cancellationToken);
                    }

                    recoveryNote = recovery.Explanation;
                    break;
            }

            return await SendAsync(item, attempt + 1, recoveryNote, cancellationToken);
        }

        private async Task<StepState> SendAsync(Item item, int attempt, string? recoveryNote, CancellationToken cancellationToken)
        {
            if (item.Kind == JournalKind.Step && await RecheckAsync(item.Step, cancellationToken) is { } problem)
            {
                return await FinishAsync(item, attempt - 1, null, new ActionOutcome { Succeeded = false, Summary = "not run", Error = problem }, cancellationToken);
            }

            var sentAt = applier._timeProvider.GetUtcNow();
            await AppendAsync(item, StepState.Sending, attempt, sentAt: sentAt, detail: recoveryNote, cancellationToken: cancellationToken);
            Report(item.StartingKind, item.Step.Index, $"{item.Label}: {item.Action.Describe()}");

            ActionStarted started;
            try
            {
                started = await applier._runner.StartAsync(item.Action, cancellationToken);
            }
            catch (PveApiException exception) when (!exception.RequestSent || exception.StatusCode is not null)
            {
                // Proxmox answered (or the request never left): it certainly did not start anything.
                return await FinishAsync(item, attempt, null, new ActionOutcome { Succeeded = false, Summary = "refused by Proxmox", Error = exception.Message }, cancellationToken);
            }
            catch (PveApiException exception)
            {
                // Sent, but no answer: it may have started. Ask the cluster rather than guess.
                var recovery = await applier._runner.RecoverAsync(item.Action, sentAt, cancellationToken);
                if (recovery.FoundTask is { } task)
                {
                    started = new ActionStarted { Upid = task, StartedAt = sentAt };
                }
                else
                {
                    return await FinishAsync(item, attempt, null, recovery.EffectAlreadyPresent
                        ? new ActionOutcome { Succeeded = true, Summary = recovery.Explanation }
                        : new ActionOutcome { Succeeded = false, Summary = "no answer from Proxmox", Error = $"{exception.Message} ({recovery.Explanation})" }, cancellationToken);
                }
            }

            if (started.Completed is { } completed)
            {
                return await FinishAsync(item, attempt, started.Upid?.ToString(), completed, cancellationToken);
            }

            await AppendAsync(item, StepState.Started, attempt, upid: started.Upid?.ToString(), sentAt: started.StartedAt, detail: started.Detail, cancellationToken: cancellationToken);
            Report(item.SentKind, item.Step.Index, $"{item.Label} sent{(started.Upid is null ? "" : $" (task {started.Upid.Type} on {started.Upid.Node})")}", upid: started.Upid?.ToString());
            return await WaitAsync(item, attempt, started, cancellationToken);
        }

        private async Task<string?> RecheckAsync(PlanStep step, CancellationToken cancellationToken)
        {
            if (step.Preconditions.Count == 0 && applier._guard is null)
            {
                return null;
            }

            var snapshot = _firstSnapshot ?? await applier._cluster.ReadAsync(cancellationToken);
            _firstSnapshot = null;
            var failed = step.Preconditions.Select(p => (Fact: p, Check: p.Check(snapshot))).Where(c => !c.Check.Holds).ToList();
            if (failed.Count > 0)
            {
                return "a fact this step relies on no longer holds: " + string.Join("; ", failed.Select(f => $"\"{f.Fact.Describe()}\" but {f.Check.Detail}"));
            }

            if (applier._guard is not null)
            {
                var verdict = await applier._guard.CheckAsync(plan, step, snapshot, cancellationToken);
                if (verdict.Decision == PolicyDecision.Deny)
                {
                    return $"the guardrails now deny it: {string.Join("; ", verdict.Reasons)}";
                }
            }

            return null;
        }

        private async Task<StepState> WaitAsync(Item item, int attempt, ActionStarted started, CancellationToken cancellationToken)
        {
            var upid = started.Upid?.ToString();
            var forward = new ForwardingProgress(p => Report(ApplyProgressKind.StepProgress, item.Step.Index, p.Message, upid: upid, action: p));
            ActionOutcome outcome;
            try
            {
                outcome = await applier._runner.WaitAsync(item.Action, started, forward, cancellationToken);
            }
            catch (PveApiException exception)
            {
                outcome = new ActionOutcome { Succeeded = false, Summary = "could not follow the task", Error = exception.Message };
            }

            return await FinishAsync(item, attempt, upid, outcome, cancellationToken);
        }

        private async Task<StepState> FinishAsync(Item item, int attempt, string? upid, ActionOutcome outcome, CancellationToken cancellationToken)
        {
            var state = outcome.Succeeded ? StepState.Succeeded : StepState.Failed;
            var error = outcome.Succeeded ? null : outcome.Error ?? outcome.Summary;
            await AppendAsync(item, state, attempt, upid: upid, summary: outcome.Summary, error: error, cancellationToken: cancellationToken);
            var status = outcome.Succeeded ? StepStatus.Succeeded : StepStatus.Failed;
            Report(item.FinishedKind, item.Step.Index, $"{item.Label} {(outcome.Succeeded ? "succeeded" : "failed")}: {(outcome.Succeeded ? outcome.Summary : error)}",
                upid: upid, status: status, error: error);
            return state;
        }

        private async Task AppendAsync(Item item, StepState state, int attempt, string? upid = null, DateTimeOffset? sentAt = null, string? detail = null,
            string? summary = null, string? error = null, CancellationToken cancellationToken = default)
        {
            var previous = Last(item.Kind, item.Step.Index);
            var entry = new JournalEntry
            {
                PlanId = plan.Id,
                Kind = item.Kind,
                Step = item.Step.Index,
                Attempt = attempt,
                State = state,
                Action = PlanJson.ActionName(item.Action),
                Upid = upid ?? (state is StepState.Succeeded or StepState.Failed ? previous?.Upid : null),
                SentAt = sentAt ?? previous?.SentAt,
                Detail = detail ?? (state == StepState.Started ? null : previous?.Detail),
                Summary = summary,
                Error = error,
                At = applier._timeProvider.GetUtcNow(),
            };
            await applier._journal.AppendAsync(entry, cancellationToken);
            _last[(item.Kind, item.Step.Index)] = entry;
        }

        private JournalEntry? Last(JournalKind kind, int step) => _last.GetValueOrDefault((kind, step));

        private static ActionStarted Restore(JournalEntry started) => new()
        {
            Upid = Upid.TryParse(started.Upid, out var upid) ? upid : null,
            StartedAt = started.SentAt ?? started.At,
            Detail = started.Detail,
        };

        private List<StepReport> NothingRan() =>
            [.. plan.Steps.Select(s => new StepReport { Index = s.Index, Status = StepStatus.Skipped, Tool = s.Tool, Description = s.Action.Describe() })];
    }

    /// <summary>A step, or the compensation of a step.</summary>
    private sealed record Item(JournalKind Kind, PlanStep Step)
    {
        public ClusterAction Action => Kind == JournalKind.Step ? Step.Action : Step.Compensation!;

        public string Label => Kind == JournalKind.Step ? $"step {Step.Index}" : $"undoing step {Step.Index}";

        public ApplyProgressKind StartingKind => Kind == JournalKind.Step ? ApplyProgressKind.StepStarting : ApplyProgressKind.CompensationStarting;

        public ApplyProgressKind SentKind => Kind == JournalKind.Step ? ApplyProgressKind.StepSent : ApplyProgressKind.CompensationStarting;

        public ApplyProgressKind FinishedKind => Kind == JournalKind.Step ? ApplyProgressKind.StepFinished : ApplyProgressKind.CompensationFinished;
    }

    /// <summary>Calls back on the reporting thread, in order (<see cref="Progress{T}"/> would post to the thread pool and reorder).</summary>
    private sealed class ForwardingProgress(Action<ActionProgress> report) : IProgress<ActionProgress>
    {
        public void Report(ActionProgress value) => report(value);
    }
}
