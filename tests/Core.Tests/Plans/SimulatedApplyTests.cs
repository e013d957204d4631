using System.Text;
using PveAgent.Core.Execution;
using PveAgent.Core.Plans;
using PveAgent.Core.Proxmox;
using PveAgent.Core.Registry;
using PveAgent.Core.Security;
using PveAgent.Core.State;
using PveAgent.Core.Telemetry;
using PveAgent.Core.Tests.Execution;
using PveAgent.Simulator;

namespace PveAgent.Core.Tests.Plans;

/// <summary>
/// End to end: the journaled applier, the real <see cref="ClusterActionRunner"/> and Proxmox client, and the simulated
/// home lab; the simulator's own task list (<c>/cluster/tasks</c>) is the evidence of what ran how often.
/// </summary>
public sealed class SimulatedApplyTests : IDisposable
{
    private static readonly GuestRef DevSandbox = new() { VmId = 110, Type = GuestType.Qemu, Node = "brian", Name = "dev-sandbox" };
    private static readonly GuestRef PiHole = new() { VmId = 150, Type = GuestType.Lxc, Node = "edge-tt", Name = "pihole" };
    private static readonly GuestRef Samba = new() { VmId = 106, Type = GuestType.Lxc, Node = "pve3", Name = "samba" };
    private static readonly ApplyOptions Approved = new() { Approved = true };

    private readonly TempDirectory _dir = new();
    private readonly SimLab _lab = new();
    private readonly SecretRedactor _redactor = new();
    private readonly HashSet<string> _baseline = [];

    public SimulatedApplyTests() => _redactor.Register(PveAgentSimulatorOptions.DefaultTokenSecret);

    public void Dispose()
    {
        _lab.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Apply_ThreeStepPlan_RunsEachActionOnceAndTheClusterShowsTheResult()
    {
        var plan = ThreeSteps();
        await Store().SaveAsync(plan);
        await BaselineAsync();

        var report = await _lab.Run(() => Applier(new ClusterActionRunner(_lab.Proxmox, _lab.Clock, _lab.Config)).ApplyAsync(plan, Approved));

        Assert.Equal(ApplyStatus.Applied, report.Status);
        Assert.Equal(ExpectedOnce(), await TaskCountsAsync());
        Assert.Equal(ExpectedPosts(), PostCounts());
        var guests = await _lab.Proxmox.GetClusterResourcesAsync(ClusterResourceType.Vm);
        Assert.Equal("running", guests.Single(g => g.VmId == 110).Status);
        Assert.Equal("pve3", guests.Single(g => g.VmId == 150).Node);
        var upids = (await NewTasksAsync()).Select(t => t.Upid).ToList();
        Assert.All(report.Steps, s => Assert.Contains(s.Upid, upids));
    }

    public static TheoryData<int, CrashPoint> EveryCrash() => PlanApplierTests.EveryCrash();

    [Theory]
    [MemberData(nameof(EveryCrash))]
    public async Task Resume_AfterACrashAtAnyPointOfAnyStep_TheClusterTaskListShowsEachActionExactlyOnce(int step, CrashPoint point)
    {
        var plan = ThreeSteps();
        await Store().SaveAsync(plan);
        await BaselineAsync();
        var crashing = new CrashingRunner(new ClusterActionRunner(_lab.Proxmox, _lab.Clock, _lab.Config)) { CrashAt = (plan.Steps[step - 1].Action, point) };
        await Assert.ThrowsAsync<SimulatedCrashException>(() => _lab.Run(() => Applier(crashing).ApplyAsync(plan, Approved)));

        // A new process: new store, new runner, new applier; only the cluster is the same.
        var report = await _lab.Run(() => Applier(new ClusterActionRunner(_lab.Proxmox, _lab.Clock, _lab.Config)).ApplyAsync(plan, Approved with { Resume = true }));

        Assert.Equal(ApplyStatus.Applied, report.Status);
        Assert.Equal(ExpectedOnce(), await TaskCountsAsync());
        // A crash before the request left is the one case where the action may be sent again; here it never reached the API.
        Assert.Equal(ExpectedPosts(), PostCounts());
        Assert.All(await NewTasksAsync(), t => Assert.True(t.Succeeded, $"{t.Upid}: {t.Status}"));
        Assert.All(report.Steps, s => Assert.Equal(StepStatus.Succeeded, s.Status));
    }

    [Fact]
    public async Task Apply_FailureAtTheLastStep_UndoesTheEarlierStepsOnTheClusterAndNeverRunsLaterOnes()
    {
        // CT 106 has a local bind mount: its migration task fails once it runs.
        var threeSteps = ThreeSteps();
        var plan = threeSteps with { Steps = [threeSteps.Steps[0], threeSteps.Steps[1], Some.Step(3, new MigrateGuestAction(Samba, "brian", Online: false, Restart: true))] };
        await Store().SaveAsync(plan);
        await BaselineAsync();

        var report = await _lab.Run(() => Applier(new ClusterActionRunner(_lab.Proxmox, _lab.Clock, _lab.Config)).ApplyAsync(plan, Approved));

        Assert.Equal(ApplyStatus.Failed, report.Status);
        Assert.Contains("cannot migrate local bind mount point 'mp0'", report.Steps[2].Error, StringComparison.Ordinal);
        Assert.Equal([(2, StepStatus.Succeeded), (1, StepStatus.Succeeded)], report.Compensations.Select(c => (c.Step, c.Status)));
        var tasks = (await NewTasksAsync()).Select(t => (t.Type, t.Id)).ToList();
        Assert.Equal([("qmsnapshot", "110"), ("qmstart", "110"), ("vzmigrate", "106"), ("qmshutdown", "110"), ("qmdelsnapshot", "110")], tasks);
        Assert.Equal("stopped", (await _lab.Proxmox.GetGuestStatusAsync("brian", GuestType.Qemu, 110)).Status);
        Assert.DoesNotContain(await _lab.Proxmox.ListSnapshotsAsync("brian", GuestType.Qemu, 110), s => s.Name == "pre-start");
    }

    [Fact]
    public async Task Apply_PlanMadeBeforeSomeoneMovedTheGuest_IsStaleAndSendsNothing()
    {
        var plan = ThreeSteps();
        await Store().SaveAsync(plan);
        var runner = new ClusterActionRunner(_lab.Proxmox, _lab.Clock, _lab.Config);
        var moved = await _lab.Run(() => runner.StartAsync(new MigrateGuestAction(PiHole, "brian", Online: false, Restart: true)));
        await _lab.Run(() => runner.WaitAsync(new MigrateGuestAction(PiHole, "brian", Online: false, Restart: true), moved));
        var tasksBefore = (await _lab.Proxmox.GetClusterTasksAsync()).Count;

        var report = await _lab.Run(() => Applier(runner).ApplyAsync(plan, Approved));

        Assert.Equal(ApplyStatus.Stale, report.Status);
        Assert.Equal(new FailedPrecondition("CT 150 (pihole) is on edge-tt", "CT 150 (pihole) is now on brian, not edge-tt"), Assert.Single(report.FailedPreconditions));
        Assert.Equal(tasksBefore, (await _lab.Proxmox.GetClusterTasksAsync()).Count);
    }

    [Fact]
    public async Task Apply_TheApiTokenNeverReachesThePlanStore()
    {
        var plan = ThreeSteps() with { Intent = $"free up brian with token {PveAgentSimulatorOptions.DefaultTokenSecret}" };
        await Store().SaveAsync(plan);

        await _lab.Run(() => Applier(new ClusterActionRunner(_lab.Proxmox, _lab.Clock, _lab.Config)).ApplyAsync(plan, Approved));

        Assert.NotEmpty(await Store().ReadJournalAsync(plan.Id));
        foreach (var file in Directory.GetFiles(_dir.Path))
        {
            Assert.DoesNotContain(PveAgentSimulatorOptions.DefaultTokenSecret, Encoding.UTF8.GetString(File.ReadAllBytes(file)), StringComparison.Ordinal);
        }
    }

    /// <summary>Snapshot VM 110, start it, migrate CT 150 from edge-tt to pve3 — each with its compensation and the facts it relies on.</summary>
    private static Plan ThreeSteps()
    {
        var snapshot = new CreateSnapshotAction(DevSandbox, "pre-start");
        var start = new StartGuestAction(DevSandbox);
        var migrate = new MigrateGuestAction(PiHole, "pve3", Online: false, Restart: true);
        return Some.Plan("p-51a001",
        [
            Some.Step(1, snapshot, new DeleteSnapshotAction(DevSandbox, "pre-start"), tool: "snapshot_guest"),
            Some.Step(2, start, new ShutdownGuestAction(DevSandbox), tool: "start_guest", preconditions: [new GuestStatusPrecondition(DevSandbox, "stopped")], dependsOn: [1]),
            Some.Step(3, migrate, new MigrateGuestAction(PiHole with { Node = "pve3" }, "edge-tt", Online: false, Restart: true), tool: "migrate_guest",
                preconditions: [new GuestOnNodePrecondition(PiHole, "edge-tt")]),
        ],
        [new GuestStatusPrecondition(DevSandbox, "stopped"), new GuestOnNodePrecondition(PiHole, "edge-tt"), new NodeStatusPrecondition("pve3", NodeStatus.Online)]);
    }

    private static Dictionary<(string?, string?), int> ExpectedOnce() => new()
    {
        [("qmsnapshot", "110")] = 1,
        [("qmstart", "110")] = 1,
        [("vzmigrate", "150")] = 1,
    };

    /// <summary>How many tasks of each of the plan's actions the cluster ran since <see cref="BaselineAsync"/>.</summary>
    private async Task<Dictionary<(string?, string?), int>> TaskCountsAsync() =>
        (await NewTasksAsync()).Where(t => ExpectedOnce().ContainsKey((t.Type, t.Id))).GroupBy(t => (t.Type, t.Id)).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Tasks the simulator did not list when the test started (the seeded world has boot-time tasks of its own).</summary>
    private async Task<IReadOnlyList<ClusterTaskEntry>> NewTasksAsync() =>
        [.. (await _lab.Proxmox.GetClusterTasksAsync()).Where(t => !_baseline.Contains(t.Upid)).OrderBy(t => t.StartTime)];

    private async Task BaselineAsync() => _baseline.UnionWith((await _lab.Proxmox.GetClusterTasksAsync()).Select(t => t.Upid));

    /// <summary>How many times each write request of the plan reached the API.</summary>
    private Dictionary<string, int> PostCounts() => _lab.Requests.All.Where(r => r.Method == "POST")
        .GroupBy(r => r.Path[(r.Path.IndexOf("/nodes/", StringComparison.Ordinal))..]).ToDictionary(g => g.Key, g => g.Count());

    private static Dictionary<string, int> ExpectedPosts() => new()
    {
        ["/nodes/brian/qemu/110/snapshot"] = 1,
        ["/nodes/brian/qemu/110/status/start"] = 1,
        ["/nodes/edge-tt/lxc/150/migrate"] = 1,
    };

    private PlanStore Store() => new(_dir.File("plans.db"), _redactor, _lab.Clock);

    private PlanApplier Applier(IActionRunner runner) => new(runner, Snapshots(), Store(), _lab.Clock);

    private ClusterSnapshotBuilder Snapshots() =>
        new(_lab.Config, _lab.Proxmox, new NoTelemetry(), new InferenceServiceProbe(_lab.Http, timeProvider: _lab.Clock), _lab.Clock, simulated: true);

    private sealed class NoTelemetry : ITelemetryTransport
    {
        public Task<NodeTelemetryResult> ReadAsync(NodeConfig node, CancellationToken cancellationToken = default) =>
            Task.FromResult(new NodeTelemetryResult { Node = node.Name });
    }

    /// <summary>Wraps the real runner and "crashes" once at a chosen point of a chosen action, like the process dying there.</summary>
    private sealed class CrashingRunner(IActionRunner inner) : IActionRunner
    {
        public (ClusterAction Action, CrashPoint Point)? CrashAt { get; set; }

        public async Task<ActionStarted> StartAsync(ClusterAction action, CancellationToken cancellationToken = default)
        {
            CrashIf(action, CrashPoint.BeforeSend);
            var started = await inner.StartAsync(action, cancellationToken);
            CrashIf(action, CrashPoint.AfterSendBeforeUpid);
            return started;
        }

        public async Task<ActionOutcome> WaitAsync(ClusterAction action, ActionStarted started, IProgress<ActionProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            CrashIf(action, CrashPoint.AfterUpidRecorded);
            var outcome = await inner.WaitAsync(action, started, progress, cancellationToken);
            CrashIf(action, CrashPoint.AfterSuccess);
            return outcome;
        }

        public Task<ActionRecovery> RecoverAsync(ClusterAction action, DateTimeOffset sentAt, CancellationToken cancellationToken = default) =>
            inner.RecoverAsync(action, sentAt, cancellationToken);

        private void CrashIf(ClusterAction action, CrashPoint point)
        {
            if (CrashAt is { } crash && crash.Point == point && crash.Action == action)
            {
                CrashAt = null;
                throw new SimulatedCrashException($"simulated crash {point} of {action.Describe()}");
            }
        }
    }
}
