using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using PveAgent.Benchmarks.Support;
using PveAgent.Core.Plans;
using PveAgent.Core.State;
using PveAgent.Guardrails;
using PveAgent.Kernel.Planning;
using PveAgent.Plugins;

namespace PveAgent.Benchmarks.Plans;

/// <summary>
/// Issue #4's figures on the simulator, excluding simulated task time (a clock 10,000× faster than real time): the
/// rule-based planner on a read snapshot, and make + check + apply of a 10-step plan (10 snapshots across the three
/// nodes: plan, guardrail verdicts, SQLite journal, Proxmox requests, task polling), beside the same 10 snapshots sent
/// straight through the client without a plan — the baseline from the same run.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, warmupCount: 3, iterationCount: 20)]
public class PlanBenchmarks
{
    private static readonly int[] Guests = [105, 110, 201, 202, 100, 106, 301, 150, 401, 402];
    private readonly RuleBasedPlanner _planner = new();
    private SimulatedLab _lab = null!;
    private ClusterSnapshot _snapshot = null!;
    private string _state = null!;
    private PlanStore _store = null!;
    private PolicyEngine _engine = null!;
    private PlanApplier _applier = null!;
    private int _round;

    [GlobalSetup]
    public void Setup()
    {
        _state = Directory.CreateTempSubdirectory("pveagent-bench-plans-").FullName;
        _lab = new SimulatedLab(new FastClock());
        _snapshot = _lab.Snapshots.ReadAsync().GetAwaiter().GetResult();
        _store = PlanStore.InDirectory(_state);
        _engine = new PolicyEngine(GuardrailPolicy.Default);
        _applier = new PlanApplier(_lab.Actions, new FixedSnapshot(_snapshot), _store, _lab.Clock);
    }

    private string Intent => $"snapshot every VM on brian as r{_round}, then snapshot every VM on pve3 as r{_round}, then snapshot every VM on edge-tt as r{_round}";

    /// <summary>The rule-based planner turning the 10-step intent into a plan (the cluster already read).</summary>
    [Benchmark]
    public async Task<int> PlanTenStepsRuleBased()
    {
        _round++;
        var result = await _planner.PlanAsync(Intent, new ToolContext(new FixedSnapshot(_snapshot), _lab.Proxmox, _lab.Config, _lab.Clock));
        return result.Plan!.Steps.Count;
    }

    /// <summary>Make, check (verdicts, saved, journaled) and apply the 10-step plan.</summary>
    [Benchmark]
    public async Task<ApplyStatus> MakeCheckApplyTenSteps()
    {
        _round++;
        var result = await _planner.PlanAsync(Intent, new ToolContext(new FixedSnapshot(_snapshot), _lab.Proxmox, _lab.Config, _lab.Clock));
        var plan = _engine.WithVerdicts(result.Plan!, _snapshot, PolicyHistory.Empty, _lab.Clock.GetUtcNow());
        await _store.SaveAsync(plan);
        var report = await _applier.ApplyAsync(plan, new ApplyOptions { Approved = true });
        return report.Status == ApplyStatus.Applied ? report.Status : throw new InvalidOperationException(report.Summary);
    }

    /// <summary>Baseline: the same 10 snapshots sent straight through the client and awaited, no plan, no journal.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> TenSnapshotsWithoutAPlan()
    {
        _round++;
        foreach (var vmid in Guests)
        {
            var guest = _snapshot.FindGuest(vmid)!;
            var upid = await _lab.Proxmox.CreateSnapshotAsync(guest.Node, guest.Type, vmid, $"d{_round}", null, false);
            await _lab.Proxmox.WaitForTaskAsync(upid);
        }

        return Guests.Length;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _lab.Dispose();
        Directory.Delete(_state, recursive: true);
    }
}
