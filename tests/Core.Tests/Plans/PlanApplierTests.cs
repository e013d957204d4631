using PveAgent.Core.Plans;
using PveAgent.Core.Proxmox;
using PveAgent.Core.State;
using PveAgent.TestSupport;

namespace PveAgent.Core.Tests.Plans;

public sealed class PlanApplierTests : IDisposable
{
    private static readonly ApplyOptions Approved = new() { Approved = true };
    private static readonly ApplyOptions Resume = new() { Approved = true, Resume = true };

    private readonly TempDirectory _dir = new();
    private readonly ManualTimeProvider _clock = new(Some.Now);
    private readonly FakeClusterSource _cluster = new(Some.Lab());
    private readonly FakeActionRunner _runner;

    public PlanApplierTests() => _runner = new FakeActionRunner(_clock);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Apply_ThreeStepPlan_RunsEachStepOnceInOrderAndReportsApplied()
    {
        var plan = Some.ThreeSteps();
        var store = await StoreWithAsync(plan);

        var report = await Applier(store).ApplyAsync(plan, Approved);

        Assert.Equal(ApplyStatus.Applied, report.Status);
        Assert.Equal([StepStatus.Succeeded, StepStatus.Succeeded, StepStatus.Succeeded], report.Steps.Select(s => s.Status));
        Assert.Equal(plan.Steps.Select(s => "start " + s.Action.Describe()), _runner.Calls.Where(c => c.StartsWith("start", StringComparison.Ordinal)));
        Assert.Equal(_runner.Tasks.Select(t => t.Upid.ToString()), report.Steps.Select(s => s.Upid));
        Assert.Empty(report.Compensations);
        Assert.Equal(PlanStatus.Applied, await store.GetStatusAsync(plan.Id));
    }

    [Fact]
    public async Task Apply_JournalRecordsTheUpidBeforeTheRunnerIsAskedToWait()
    {
        var plan = Some.ThreeSteps();
        var store = await StoreWithAsync(plan);
        var seenWhileWaiting = new List<JournalEntry?>();
        _runner.OnWait = (action, started) =>
            seenWhileWaiting.Add(store.ReadJournalAsync(plan.Id).GetAwaiter().GetResult()[^1]);

        await Applier(store).ApplyAsync(plan, Approved);

        Assert.Equal(3, seenWhileWaiting.Count);
        Assert.All(seenWhileWaiting, entry =>
        {
            Assert.Equal(StepState.Started, entry!.State);
            Assert.StartsWith("UPID:brian:", entry.Upid, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Apply_JournalOfAStep_IsSendingThenStartedThenSucceeded_WithTheSendTime()
    {
        var plan = Some.ThreeSteps();
        var store = await StoreWithAsync(plan);

        await Applier(store).ApplyAsync(plan, Approved);

        var step1 = (await store.ReadJournalAsync(plan.Id)).Where(e => e.Step == 1).ToList();
        Assert.Equal([StepState.Sending, StepState.Started, StepState.Succeeded], step1.Select(e => e.State));
        Assert.All(step1, e => Assert.Equal((JournalKind.Step, 1, "guest.migrate", Some.Now), (e.Kind, e.Attempt, e.Action, e.SentAt)));
        Assert.Null(step1[0].Upid);
        Assert.Equal(step1[1].Upid, step1[2].Upid);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Apply_FailureAtStepK_CompensatesTheEarlierStepsInReverseAndSkipsTheLaterOnes(int k)
    {
        var plan = Some.ThreeSteps();
        var store = await StoreWithAsync(plan);
        _runner.Failures[plan.Steps[k - 1].Action] = "command 'pct migrate' failed: exit code 255";

        var report = await Applier(store).ApplyAsync(plan, Approved);

        Assert.Equal(ApplyStatus.Failed, report.Status);
        var failed = report.Steps[k - 1];
        Assert.Equal((StepStatus.Failed, "command 'pct migrate' failed: exit code 255"), (failed.Status, failed.Error));
        Assert.All(report.Steps.Take(k - 1), s => Assert.Equal(StepStatus.Succeeded, s.Status));
        Assert.All(report.Steps.Skip(k), s => Assert.Equal(StepStatus.Skipped, s.Status));
        var expectedCompensations = Enumerable.Range(1, k - 1).Reverse().ToList();
        Assert.Equal(expectedCompensations, report.Compensations.Select(c => c.Step));
        Assert.All(report.Compensations, c => Assert.Equal(StepStatus.Succeeded, c.Status));
        // The runner saw: the steps up to k, then the compensations newest first, and never the steps after k.
        var expectedStarts = plan.Steps.Take(k).Select(s => s.Action)
            .Concat(expectedCompensations.Select(i => plan.Steps[i - 1].Compensation!))
            .Select(a => "start " + a.Describe());
        Assert.Equal(expectedStarts, _runner.Calls.Where(c => c.StartsWith("start", StringComparison.Ordinal)));
        Assert.Equal(PlanStatus.Failed, await store.GetStatusAsync(plan.Id));
        Assert.Contains($"Step {k} of 3", report.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_FailureAfterAStepWithoutCompensation_SaysThatStepStaysDone()
    {
        var reboot = new RebootGuestAction(Some.Ref(202));
        var start = new StartGuestAction(Some.Ref(110));
        var plan = Some.Plan("p-000002", [Some.Step(1, reboot), Some.Step(2, start)]);
        var store = await StoreWithAsync(plan);
        _runner.Failures[start] = "start failed: not enough memory";

        var report = await Applier(store).ApplyAsync(plan, Approved);

        Assert.Empty(report.Compensations);
        Assert.Contains("Step 1 cannot be undone and stays done", report.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_StalePlan_IsRefusedWithEachFailedFactAndWhatIsThereNow_AndNothingRuns()
    {
        var plan = Some.ThreeSteps();
        var store = await StoreWithAsync(plan);
        _cluster.Snapshot = Some.Lab() with
        {
            Guests = [.. Some.Lab().Guests.Select(g => g.VmId == 105 ? g with { Node = "edge-tt" } : g)],
            Nodes = [.. Some.Lab().Nodes.Select(n => n.Name == "brian" ? n with { Status = NodeStatus.Asleep } : n)],
        };

        var report = await Applier(store).ApplyAsync(plan, Approved);

        Assert.Equal(ApplyStatus.Stale, report.Status);
        Assert.Equal(
        [
            new FailedPrecondition("CT 105 (jellyfin) is on pve3", "CT 105 (jellyfin) is now on edge-tt, not pve3"),
            new FailedPrecondition("node brian is online", "node brian is now asleep, not online"),
        ], report.FailedPreconditions);
        Assert.Empty(_runner.Calls);
        Assert.All(report.Steps, s => Assert.Equal(StepStatus.Skipped, s.Status));
        Assert.Empty(await store.ReadJournalAsync(plan.Id));
        Assert.Equal(PlanStatus.Stale, await store.GetStatusAsync(plan.Id));
    }

    [Fact]
    public async Task Apply_StalePlanWhoseFactsHoldAgain_CanBeAppliedLater()
    {
        var plan = Some.ThreeSteps();
        var store = await StoreWithAsync(plan);
        _cluster.Snapshot = Some.Lab() with { Guests = [.. Some.Lab().Guests.Where(g => g.VmId != 105)] };
        Assert.Equal(ApplyStatus.Stale, (await Applier(store).ApplyAsync(plan, Approved)).Status);

        _cluster.Snapshot = Some.Lab();
        var report = await Applier(store).ApplyAsync(plan, Approved);

        Assert.Equal(ApplyStatus.Applied, report.Status);
    }

    [Fact]
    public async Task Apply_PlanWithADeniedStep_IsRefusedWholeAndNothingRuns()
    {
        var plan = Some.ThreeSteps();
        plan = plan with { Steps = [plan.Steps[0], plan.Steps[1] with { Verdict = new PolicyVerdict { Decision = PolicyDecision.Deny, Reasons = ["VM 201 is protected"] } }, plan.Steps[2]] };
        var store = await StoreWithAsync(plan);

        var report = await Applier(store).ApplyAsync(plan, Approved);

        Assert.Equal(ApplyStatus.Refused, report.Status);
        var reason = Assert.Single(report.Reasons);
        Assert.Equal("step 2 (snapshot VM 201 (vllm-brian) as 'before-training') is denied by the guardrails: VM 201 is protected", reason);
        Assert.Empty(_runner.Calls);
        Assert.Equal(0, _cluster.Reads);
        Assert.Equal(PlanStatus.Refused, await store.GetStatusAsync(plan.Id));
    }

    [Fact]
    public async Task Apply_PlanNeedingApprovalWithoutIt_IsRefused()
    {
        var plan = Some.ThreeSteps();
        plan = plan with { Steps = [.. plan.Steps.Select(s => s.Index == 3 ? s with { Verdict = PolicyVerdict.Pending } : s)] };
        var store = await StoreWithAsync(plan);

        var report = await Applier(store).ApplyAsync(plan, new ApplyOptions { Approved = false });

        Assert.Equal(ApplyStatus.Refused, report.Status);
        Assert.Equal("the plan needs approval (steps 3) and none was given", Assert.Single(report.Reasons));
        Assert.Empty(_runner.Calls);
    }

    [Fact]
    public async Task Apply_PlanThatAllowsEveryStep_RunsWithoutApproval()
    {
        var plan = Some.ThreeSteps();
        var store = await StoreWithAsync(plan);

        var report = await Applier(store).ApplyAsync(plan, new ApplyOptions { Approved = false });

        Assert.Equal(ApplyStatus.Applied, report.Status);
    }

    [Fact]
    public async Task Apply_UnsavedPlan_IsRefusedWithTheFix()
    {
        var store = new PlanStore(_dir.File("plans.db"));

        var report = await Applier(store).ApplyAsync(Some.ThreeSteps(), Approved);

        Assert.Equal(ApplyStatus.Refused, report.Status);
        Assert.Contains("is not saved", Assert.Single(report.Reasons), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_WhileAnotherProcessAppliesThePlan_IsRefusedAndRunsOnceThatOneIsDone()
    {
        var plan = Some.ThreeSteps();
        var store = await StoreWithAsync(plan);
        var other = new PlanStore(_dir.File("plans.db"));

        ApplyReport refused;
        using (await other.TryLockAsync(plan.Id))
        {
            refused = await Applier(store).ApplyAsync(plan, Resume);
        }

        var later = await Applier(store).ApplyAsync(plan, Approved);

        Assert.Equal(ApplyStatus.Refused, refused.Status);
        Assert.Equal($"plan {plan.Id} is being applied by another pve-agent process (or another request) right now; wait for it to finish", Assert.Single(refused.Reasons));
        Assert.Equal(ApplyStatus.Applied, later.Status);
        Assert.Equal(3, _runner.Tasks.Count);
    }

    [Fact]
    public async Task Lock_IsHeldOnlyWhileAnApplyRuns()
    {
        var plan = Some.ThreeSteps();
        var store = await StoreWithAsync(plan);
        IDisposable? heldDuringTheRun = null;
        _runner.OnWait = (_, _) => heldDuringTheRun ??= store.TryLockAsync(plan.Id).GetAwaiter().GetResult();

        await Applier(store).ApplyAsync(plan, Approved);
        using var afterwards = await store.TryLockAsync(plan.Id);

        Assert.Null(heldDuringTheRun);
        Assert.NotNull(afterwards);
    }

    [Fact]
    public async Task Apply_StepDependingOnALaterStep_IsRefusedAsMalformed()
    {
        var plan = Some.ThreeSteps();
        plan = plan with { Steps = [plan.Steps[0] with { DependsOn = [3] }, plan.Steps[1], plan.Steps[2]] };
        var store = await StoreWithAsync(plan);

        var report = await Applier(store).ApplyAsync(plan, Approved);

        Assert.Equal(ApplyStatus.Refused, report.Status);
        Assert.Equal("step 1 depends on step 3, which does not run before it — make the plan again", Assert.Single(report.Reasons));
    }

    [Fact]
    public async Task Apply_StepWhosePreconditionBrokeDuringTheRun_FailsBeforeSendingAndCompensates()
    {
        var plan = Some.ThreeSteps();
        var store = await StoreWithAsync(plan);
        // Someone starts VM 110 by hand while step 2 runs; step 3 relies on it being stopped.
        _runner.OnWait = (action, _) =>
        {
            if (action is CreateSnapshotAction)
            {
                _cluster.Snapshot = Some.Lab() with { Guests = [.. Some.Lab().Guests.Select(g => g.VmId == 110 ? g with { Status = "running" } : g)] };
            }
        };

        var report = await Applier(store).ApplyAsync(plan, Approved);

        Assert.Equal(ApplyStatus.Failed, report.Status);
        Assert.Equal("a fact this step relies on no longer holds: \"VM 110 (dev-sandbox) is stopped\" but VM 110 (dev-sandbox) is now running, not stopped", report.Steps[2].Error);
        Assert.Equal(0, _runner.Executions(plan.Steps[2].Action));
        Assert.Equal([2, 1], report.Compensations.Select(c => c.Step));
    }

    [Fact]
    public async Task Apply_StartRejectedByProxmox_FailsTheStepWithItsMessage()
    {
        var plan = Some.ThreeSteps();
        var store = await StoreWithAsync(plan);
        _runner.StartErrors[plan.Steps[1].Action] = new PveApiException(PveErrorKind.Locked, "VM 201 is locked (backup): wait for the backup to finish.") { StatusCode = 500 };

        var report = await Applier(store).ApplyAsync(plan, Approved);

        Assert.Equal((StepStatus.Failed, "VM 201 is locked (backup): wait for the backup to finish."), (report.Steps[1].Status, report.Steps[1].Error));
        Assert.DoesNotContain(_runner.Calls, c => c.StartsWith("recover", StringComparison.Ordinal));
        Assert.Equal([1], report.Compensations.Select(c => c.Step));
    }

    [Fact]
    public async Task Apply_StartSentButUnanswered_AsksTheClusterAndFollowsTheTaskItFinds()
    {
        var plan = Some.ThreeSteps();
        var store = await StoreWithAsync(plan);
        var snapshot = plan.Steps[1].Action;
        _runner.StartErrors[snapshot] = new PveApiException(PveErrorKind.Timeout, "no answer from 192.168.0.2:8006 within 10 s") { RequestSent = true };

        var report = await Applier(store).ApplyAsync(plan, Approved);

        Assert.Equal(ApplyStatus.Applied, report.Status);
        Assert.Contains("recover " + snapshot.Describe(), _runner.Calls);
        Assert.Equal(1, _runner.Executions(snapshot));
        Assert.Equal(_runner.Tasks.Single(t => t.Action == snapshot).Upid.ToString(), report.Steps[1].Upid);
    }

    [Fact]
    public async Task Apply_FinishedPlan_IsNotRunAgain()
    {
        var plan = Some.ThreeSteps();
        var store = await StoreWithAsync(plan);
        var first = await Applier(store).ApplyAsync(plan, Approved);

        var again = await Applier(store).ApplyAsync(plan, Resume);

        Assert.True(again.AlreadyFinished);
        Assert.Equal(ApplyStatus.Applied, again.Status);
        Assert.Equal(first.Steps.Select(s => s.Upid), again.Steps.Select(s => s.Upid));
        Assert.Equal(3, _runner.Tasks.Count);
    }

    [Fact]
    public async Task Apply_InterruptedPlanWithoutResume_IsRefusedWithTheResumeCommand()
    {
        var plan = Some.ThreeSteps();
        var store = await StoreWithAsync(plan);
        _runner.CrashAt = (plan.Steps[1].Action, CrashPoint.AfterUpidRecorded);
        await Assert.ThrowsAsync<SimulatedCrashException>(() => Applier(store).ApplyAsync(plan, Approved));

        var report = await Applier(store).ApplyAsync(plan, Approved);

        Assert.Equal(ApplyStatus.Refused, report.Status);
        Assert.Contains($"`pve-agent apply {plan.Id} --resume`", Assert.Single(report.Reasons), StringComparison.Ordinal);
        Assert.Equal(PlanStatus.Applying, await store.GetStatusAsync(plan.Id));
    }

    public static TheoryData<int, CrashPoint> EveryCrash()
    {
        var data = new TheoryData<int, CrashPoint>();
        foreach (var step in new[] { 1, 2, 3 })
        {
            foreach (var point in Enum.GetValues<CrashPoint>())
            {
                data.Add(step, point);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCrash))]
    public async Task Resume_AfterACrashAtAnyPointOfAnyStep_RunsEveryActionExactlyOnce(int step, CrashPoint point)
    {
        var plan = Some.ThreeSteps();
        await StoreWithAsync(plan);
        _runner.CrashAt = (plan.Steps[step - 1].Action, point);
        await Assert.ThrowsAsync<SimulatedCrashException>(() => Applier(new PlanStore(_dir.File("plans.db"))).ApplyAsync(plan, Approved));

        // A new process: a new store on the same file and a new applier; only the cluster (the runner's world) persists.
        var resumed = await Applier(new PlanStore(_dir.File("plans.db"))).ApplyAsync(plan, Resume);

        Assert.Equal(ApplyStatus.Applied, resumed.Status);
        Assert.All(plan.Steps, s => Assert.Equal(1, _runner.Executions(s.Action)));
        Assert.Equal(3, _runner.Tasks.Count);
        Assert.All(_runner.Tasks, t => Assert.True(t.Done));
        Assert.Equal(_runner.Tasks.Select(t => t.Upid.ToString()), resumed.Steps.Select(s => s.Upid));
        // Only a crash between "sending" and the recorded task id needs the cluster asked; otherwise the journal knows.
        Assert.Equal(point is CrashPoint.BeforeSend or CrashPoint.AfterSendBeforeUpid, _runner.Calls.Any(c => c.StartsWith("recover", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Resume_RequestThatNeverArrived_IsSentAgainAsAttemptTwo()
    {
        var plan = Some.ThreeSteps();
        var store = await StoreWithAsync(plan);
        _runner.CrashAt = (plan.Steps[1].Action, CrashPoint.BeforeSend);
        await Assert.ThrowsAsync<SimulatedCrashException>(() => Applier(store).ApplyAsync(plan, Approved));

        var report = await Applier(store).ApplyAsync(plan, Resume);

        Assert.Equal(ApplyStatus.Applied, report.Status);
        Assert.Equal([1, 2, 1], report.Steps.Select(s => s.Attempts));
        var step2 = (await store.ReadJournalAsync(plan.Id)).Where(e => e.Step == 2).Select(e => (e.State, e.Attempt));
        Assert.Equal([(StepState.Sending, 1), (StepState.Sending, 2), (StepState.Started, 2), (StepState.Succeeded, 2)], step2);
    }

    [Fact]
    public async Task Resume_RequestWhoseEffectIsAlreadyThere_IsMarkedSucceededWithoutSending()
    {
        var plan = Some.ThreeSteps();
        var store = await StoreWithAsync(plan);
        var start = plan.Steps[2].Action;
        _runner.CrashAt = (start, CrashPoint.BeforeSend);
        _runner.EffectPresent.Add(start);
        await Assert.ThrowsAsync<SimulatedCrashException>(() => Applier(store).ApplyAsync(plan, Approved));

        var report = await Applier(store).ApplyAsync(plan, Resume);

        Assert.Equal(ApplyStatus.Applied, report.Status);
        Assert.Equal(0, _runner.Executions(start));
        Assert.Equal("no task, but the effect is there", report.Steps[2].Summary);
    }

    [Fact]
    public async Task Resume_AfterACrashWhileCompensating_FinishesTheCompensationsEachOnce()
    {
        var plan = Some.ThreeSteps();
        var store = await StoreWithAsync(plan);
        _runner.Failures[plan.Steps[2].Action] = "start failed";
        var undoStep1 = plan.Steps[0].Compensation!;
        _runner.CrashAt = (undoStep1, CrashPoint.AfterSendBeforeUpid);
        await Assert.ThrowsAsync<SimulatedCrashException>(() => Applier(store).ApplyAsync(plan, Approved));

        var report = await Applier(new PlanStore(_dir.File("plans.db"))).ApplyAsync(plan, Resume);

        Assert.Equal(ApplyStatus.Failed, report.Status);
        Assert.Equal([(2, StepStatus.Succeeded), (1, StepStatus.Succeeded)], report.Compensations.Select(c => (c.Step, c.Status)));
        Assert.Equal(1, _runner.Executions(undoStep1));
        Assert.Equal(1, _runner.Executions(plan.Steps[1].Compensation!));
        Assert.Equal(PlanStatus.Failed, await store.GetStatusAsync(plan.Id));
    }

    [Fact]
    public async Task Apply_TaskProgress_IsForwardedInOrderWithTheStepAndUpid()
    {
        var plan = Some.ThreeSteps();
        var store = await StoreWithAsync(plan);
        _runner.ProgressToReport.AddRange([new ActionProgress("migrating: 1 of 8 GiB", TimeSpan.FromSeconds(3), 0.125), new ActionProgress("migrating: 8 of 8 GiB", TimeSpan.FromSeconds(20), 1)]);
        var events = new List<ApplyProgress>();

        await Applier(store).ApplyAsync(plan, Approved, new SyncProgress(events.Add));

        var step1 = events.Where(e => e.Step == 1).Select(e => e.Kind).ToList();
        Assert.Equal([ApplyProgressKind.StepStarting, ApplyProgressKind.StepSent, ApplyProgressKind.StepProgress, ApplyProgressKind.StepProgress, ApplyProgressKind.StepFinished], step1);
        var progress = events.First(e => e.Kind == ApplyProgressKind.StepProgress);
        Assert.Equal((0.125, _runner.Tasks[0].Upid.ToString()), (progress.Action!.Fraction, progress.Upid));
        Assert.Equal(ApplyProgressKind.Finished, events[^1].Kind);
        Assert.Equal(ApplyStatus.Applied, events[^1].Report!.Status);
    }

    [Fact]
    public async Task Apply_GuardThatNowDeniesAStep_RefusesThePlanBeforeAnythingRuns()
    {
        var plan = Some.ThreeSteps();
        var store = await StoreWithAsync(plan);
        var guard = new FakeGuard(step => step.Index == 3
            ? new PolicyVerdict { Decision = PolicyDecision.Deny, Reasons = ["outside the maintenance window"] }
            : new PolicyVerdict { Decision = PolicyDecision.Allow, Reasons = ["fine"] });

        var report = await Applier(store, guard).ApplyAsync(plan, Approved);

        Assert.Equal(ApplyStatus.Refused, report.Status);
        Assert.Contains("now denied by the guardrails: outside the maintenance window", Assert.Single(report.Reasons), StringComparison.Ordinal);
        Assert.Empty(_runner.Calls);
    }

    [Fact]
    public async Task Apply_GuardThatDeniesAStepMidRun_FailsThatStepAndCompensates()
    {
        var plan = Some.ThreeSteps();
        var store = await StoreWithAsync(plan);
        var checks = 0;
        // The first three checks are the whole-plan check; the fourth onwards are the per-step re-checks.
        var guard = new FakeGuard(step => ++checks > 3 && step.Index == 2
            ? new PolicyVerdict { Decision = PolicyDecision.Deny, Reasons = ["6 migrations already ran this hour"] }
            : new PolicyVerdict { Decision = PolicyDecision.Allow, Reasons = ["fine"] });

        var report = await Applier(store, guard).ApplyAsync(plan, Approved);

        Assert.Equal(ApplyStatus.Failed, report.Status);
        Assert.Equal("the guardrails now deny it: 6 migrations already ran this hour", report.Steps[1].Error);
        Assert.Equal([1], report.Compensations.Select(c => c.Step));
    }

    [Fact]
    public async Task Undo_OfAnAppliedPlan_RunsItsCompensationsNewestFirstAndMarksItUndone()
    {
        var plan = Some.ThreeSteps();
        var store = await StoreWithAsync(plan);
        await Applier(store).ApplyAsync(plan, Approved);

        var last = await store.FindLastAppliedAsync();
        var proposal = UndoPlanner.Propose(last!.Plan, await store.ReadJournalAsync(last.Plan.Id), "p-00000f", Some.Lab());
        var undo = proposal.Plan!;
        await store.SaveAsync(undo);
        var report = await Applier(store).ApplyAsync(undo, Approved);

        Assert.Equal(ApplyStatus.Applied, report.Status);
        Assert.Equal(plan.Steps.Reverse().Select(s => s.Compensation), undo.Steps.Select(s => s.Action));
        Assert.Equal(["undo:start_guest", "undo:snapshot_guest", "undo:migrate_guest"], undo.Steps.Select(s => s.Tool));
        Assert.Equal(plan.Steps.Reverse().Select(s => "start " + s.Compensation!.Describe()), _runner.Calls.Where(c => c.StartsWith("start", StringComparison.Ordinal)).Skip(3));
        Assert.Equal(PlanStatus.Undone, await store.GetStatusAsync(plan.Id));
        // The undo plan is now the last applied one: a second /undo would re-do the original.
        Assert.Equal("p-00000f", (await store.FindLastAppliedAsync())!.Plan.Id);
    }

    [Fact]
    public async Task Undo_OfAPlanWithOnlyIrreversibleSteps_SaysNothingCanBeUndone()
    {
        var plan = Some.Plan("p-000003", [Some.Step(1, new RebootGuestAction(Some.Ref(202)))]);
        var store = await StoreWithAsync(plan);
        await Applier(store).ApplyAsync(plan, Approved);

        var proposal = UndoPlanner.Propose(plan, await store.ReadJournalAsync(plan.Id), "p-00000f", Some.Lab());

        Assert.Null(proposal.Plan);
        Assert.Equal([1], proposal.Irreversible);
        Assert.Equal("none of the steps of plan p-000003 can be undone (step 1 has no compensation)", proposal.Problem);
    }

    private PlanApplier Applier(PlanStore store, IPlanGuard? guard = null) => new(_runner, _cluster, store, _clock, guard);

    private async Task<PlanStore> StoreWithAsync(Plan plan)
    {
        var store = new PlanStore(_dir.File("plans.db"), timeProvider: _clock);
        await store.SaveAsync(plan);
        return store;
    }

    private sealed class SyncProgress(Action<ApplyProgress> report) : IProgress<ApplyProgress>
    {
        public void Report(ApplyProgress value) => report(value);
    }

    private sealed class FakeGuard(Func<PlanStep, PolicyVerdict> verdict) : IPlanGuard
    {
        public ValueTask<PolicyVerdict> CheckAsync(Plan plan, PlanStep planStep, ClusterSnapshot snapshot, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(verdict(planStep));
    }
}
