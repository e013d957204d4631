using PveAgent.Core.Plans;
using PveAgent.Core.State;
using PveAgent.Guardrails.Audit;
using PveAgent.TestSupport;

namespace PveAgent.Guardrails.Tests;

/// <summary>The guardrails and the audit log wired into a real apply (plan store on disk, a runner whose actions complete at once).</summary>
public sealed class PolicyGuardTests : IDisposable
{
    private static readonly GuardrailPolicy Autonomous = new() { Mode = GuardrailMode.Autonomous };

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "pveagent-guard-" + Guid.NewGuid().ToString("N"));
    private readonly ManualTimeProvider _clock = new(Some.Now);
    private readonly PlanStore _store;
    private readonly AuditLog _audit;
    private readonly InstantRunner _runner = new();

    public PolicyGuardTests()
    {
        _store = PlanStore.InDirectory(_dir, timeProvider: _clock);
        _audit = AuditLog.InDirectory(_dir, timeProvider: _clock);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task AuditedApply_RecordsEachStepAndTheReport()
    {
        var plan = await SavedAsync(Autonomous, "p-aaaaaa", Some.StartSandbox(), new CreateSnapshotAction(Some.Ref(201), "nightly"));

        var report = await Applier().ApplyAsync(plan, new ApplyOptions(), new AuditingProgress(_audit));

        Assert.Equal(ApplyStatus.Applied, report.Status);
        var records = await _audit.ReadAsync(planId: plan.Id);
        Assert.Equal(
            [AuditKind.PlanCreated, AuditKind.Verdict, AuditKind.Verdict, AuditKind.StepStarted, AuditKind.StepFinished, AuditKind.StepStarted, AuditKind.StepFinished, AuditKind.ApplyFinished],
            records.Select(r => r.Kind));
        Assert.Equal(["succeeded", "succeeded"], records.Where(r => r.Kind == AuditKind.StepFinished).Select(r => r.Status!));
        var finished = records[^1];
        Assert.Equal(("applied", "applied"), (finished.Status, finished.Data!.Value.GetProperty("status").GetString()));
        Assert.True((await _audit.VerifyAsync()).Intact);
    }

    [Fact]
    public async Task Guard_MaintenanceWindowClosedSincePlanning_RefusesTheApplyAndTheRefusalIsAudited()
    {
        var policy = Autonomous with
        {
            MaintenanceWindows = [new MaintenanceWindow { From = TimeSpan.FromHours(11), To = TimeSpan.FromHours(13), TimeZone = TimeZoneInfo.Utc }],
        };
        var plan = await SavedAsync(policy, "p-bbbbbb", Some.StopSandbox());
        Assert.Equal(PolicyDecision.Allow, plan.Steps[0].Verdict.Decision);
        _clock.Advance(TimeSpan.FromHours(2));

        var report = await Applier(policy).ApplyAsync(plan, new ApplyOptions(), new AuditingProgress(_audit));

        Assert.Equal(ApplyStatus.Refused, report.Status);
        Assert.StartsWith("step 1 (stop VM 110 (dev-sandbox) on brian (hard stop)) is now denied by the guardrails: disruptive actions may only run in a maintenance window",
            Assert.Single(report.Reasons), StringComparison.Ordinal);
        Assert.Empty(_runner.Started);
        var refusal = (await _audit.ReadAsync(planId: plan.Id))[^1];
        Assert.Equal((AuditKind.Refused, "refused"), (refusal.Kind, refusal.Status));
        Assert.Equal(report.Reasons, refusal.Reasons!);
    }

    [Fact]
    public async Task Guard_CountsTheMigrationsOtherPlansStartedSincePlanning()
    {
        var policy = Autonomous with { Limits = new GuardrailLimits { MaxMigrationsPerHour = 1 } };
        var first = await SavedAsync(policy, "p-cccccc", Some.MigrateJellyfinToBrian());
        var second = await SavedAsync(policy, "p-dddddd", new MigrateGuestAction(Some.Ref(301), "brian", Online: false));
        Assert.Equal(ApplyStatus.Applied, (await Applier(policy).ApplyAsync(first, new ApplyOptions())).Status);
        _clock.Advance(TimeSpan.FromMinutes(30));

        var report = await Applier(policy).ApplyAsync(second, new ApplyOptions());

        Assert.Equal(PolicyDecision.Allow, second.Steps[0].Verdict.Decision);
        Assert.Equal(ApplyStatus.Refused, report.Status);
        Assert.Contains("is now denied by the guardrails: this would be migration 2 within an hour (1 already started in the last hour, 1 in this plan up to this step)",
            Assert.Single(report.Reasons), StringComparison.Ordinal);
        Assert.Single(_runner.Started);
    }

    [Fact]
    public async Task Guard_AnHourLater_TheEarlierMigrationNoLongerCounts()
    {
        var policy = Autonomous with { Limits = new GuardrailLimits { MaxMigrationsPerHour = 1 } };
        var first = await SavedAsync(policy, "p-eeeeee", Some.MigrateJellyfinToBrian());
        await Applier(policy).ApplyAsync(first, new ApplyOptions());
        _clock.Advance(TimeSpan.FromMinutes(61));
        var second = await SavedAsync(policy, "p-ffffff", new MigrateGuestAction(Some.Ref(301), "brian", Online: false));

        var report = await Applier(policy).ApplyAsync(second, new ApplyOptions());

        Assert.Equal(ApplyStatus.Applied, report.Status);
    }

    private PlanApplier Applier(GuardrailPolicy? policy = null) =>
        new(_runner, new StaticCluster(), _store, _clock, new PolicyGuard(new PolicyEngine(policy ?? Autonomous), _store, _clock));

    private async Task<Plan> SavedAsync(GuardrailPolicy policy, string id, params ClusterAction[] actions)
    {
        var plan = Some.PlanOf([.. actions.Select((a, i) => Some.Step(i + 1, a))], id);
        var history = await PolicyHistory.LoadAsync(_store, _clock.GetUtcNow());
        plan = new PolicyEngine(policy).WithVerdicts(plan, Some.Lab(), history, _clock.GetUtcNow());
        await _store.SaveAsync(plan);
        _audit.PlanCreated(plan);
        _audit.Verdicts(plan);
        return plan;
    }

    private sealed class StaticCluster : IClusterSnapshotSource
    {
        public Task<ClusterSnapshot> ReadAsync(CancellationToken cancellationToken = default) => Task.FromResult(Some.Lab());
    }

    /// <summary>Every action completes as soon as it is sent (like a config change), successfully.</summary>
    private sealed class InstantRunner : IActionRunner
    {
        public List<ClusterAction> Started { get; } = [];

        public Task<ActionStarted> StartAsync(ClusterAction action, CancellationToken cancellationToken = default)
        {
            Started.Add(action);
            return Task.FromResult(new ActionStarted
            {
                StartedAt = Some.Now,
                Completed = new ActionOutcome { Succeeded = true, Summary = "done: " + action.Describe() },
            });
        }

        public Task<ActionOutcome> WaitAsync(ClusterAction action, ActionStarted started, IProgress<ActionProgress>? progress = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(started.Completed!);

        public Task<ActionRecovery> RecoverAsync(ClusterAction action, DateTimeOffset sentAt, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ActionRecovery { Explanation = "never sent" });
    }
}
