using System.Text.Json;
using PveAgent.Core.Routing;
using PveAgent.Core.Simulation;

namespace PveAgent.Core.Tests.Simulation;

public sealed class PolicyComparisonTests
{
    [Fact]
    public void Run_SameSeed_GivesIdenticalResults()
    {
        var first = PolicyComparison.Run(SampleCluster.Config, WorkloadProfile.Mixed, 5, seed: 11, PolicyNames.All);
        var again = PolicyComparison.Run(SampleCluster.Config, WorkloadProfile.Mixed, 5, seed: 11, PolicyNames.All);

        Assert.Equal(first.ToJson(), again.ToJson());
        Assert.Equal(first.Policies.Select(p => p.CompletionTimesMs), again.Policies.Select(p => p.CompletionTimesMs));
    }

    [Fact]
    public void Run_AnotherSeed_GivesOtherResults()
    {
        var first = PolicyComparison.Run(SampleCluster.Config, WorkloadProfile.Mixed, 5, seed: 11, [PolicyNames.PveAgent]);
        var other = PolicyComparison.Run(SampleCluster.Config, WorkloadProfile.Mixed, 5, seed: 12, [PolicyNames.PveAgent]);

        Assert.NotEqual(first.Tasks, other.Tasks);
        Assert.NotEqual(first.Policies[0].P50Ms, other.Policies[0].P50Ms);
    }

    [Fact]
    public void Run_EveryPolicy_SeesTheSameArrivalsAndAccountsForEachTask()
    {
        var report = PolicyComparison.Run(SampleCluster.Config, WorkloadProfile.Mixed, 5, seed: 2, PolicyNames.All);

        Assert.Equal(PolicyNames.All, report.Policies.Select(p => p.Policy));
        Assert.All(report.Policies, p =>
        {
            Assert.Equal(report.Tasks, p.Tasks);
            // Every task either finished or failed (late ones are both).
            Assert.True(p.Completed + p.Failed >= p.Tasks);
            Assert.Equal(p.CompletionTimesMs.Order(), p.CompletionTimesMs);
            Assert.InRange(p.WarmHitRate, 0, 1);
            Assert.InRange(p.Utilization, 0, 1);
        });
    }

    [Fact]
    public void Run_WarmHeavyWorkload_GivesPveAgentHighWarmHits()
    {
        var warmHeavy = new WorkloadProfile
        {
            Name = "warm-heavy",
            ArrivalsPerSecond = 1,
            Mix = [new TaskMix { Type = TaskType.LlmInference, Weight = 1, Models = ["llama3.1:8b", "qwen2.5:7b", "mistral-nemo"] }],
        };
        var cluster = SyntheticCluster.Create(8, seed: 4);

        var report = PolicyComparison.Run(cluster, warmHeavy, 5, seed: 9, [PolicyNames.LeastLoaded, PolicyNames.PveAgent]);

        var ours = report.Find(PolicyNames.PveAgent)!;
        Assert.True(ours.WarmHitRate >= 0.95, $"pveagent warm hits {ours.WarmHitRate:P1}");
        Assert.True(ours.WarmHitRate > report.Find(PolicyNames.LeastLoaded)!.WarmHitRate);
        Assert.True(ours.ModelLoads < report.Find(PolicyNames.LeastLoaded)!.ModelLoads);
    }

    [Fact]
    public void Run_NoArrivals_DrawsExactlyTheIdlePowerOfEveryNode()
    {
        var idle = new WorkloadProfile { Name = "idle", ArrivalsPerSecond = 0, Mix = [] };

        var result = PolicyComparison.Run(SampleCluster.Config, idle, 10, seed: 1, [PolicyNames.PveAgent]).Policies[0];

        // brian 110 W + pve3 45 W + edge-tt 30 W for 600 s.
        Assert.Equal(185 * 600 / 3.6e6, result.EnergyKwh, 9);
        Assert.Equal(0, result.Utilization);
    }

    [Fact]
    public void Run_UnknownPolicy_IsRefusedWithTheKnownNames()
    {
        var error = Assert.Throws<ArgumentException>(() => PolicyComparison.Run(SampleCluster.Config, WorkloadProfile.Mixed, 1, 1, ["smart"]));

        Assert.Contains("round-robin, random, least-loaded, fifo-first-fit, pveagent", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_HasTheDocumentedShape()
    {
        var report = PolicyComparison.Run(SampleCluster.Config, WorkloadProfile.Speech, 2, seed: 3, [PolicyNames.RoundRobin, PolicyNames.PveAgent]);

        using var json = JsonDocument.Parse(report.ToJson());

        var root = json.RootElement;
        Assert.Equal(["workload", "minutes", "seed", "policies"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("speech", root.GetProperty("workload").GetString());
        var policy = root.GetProperty("policies")[1];
        Assert.Equal(["policy", "p50_ms", "p95_ms", "p99_ms", "warm_hit_rate", "utilization", "energy_kwh", "failed"], policy.EnumerateObject().Select(p => p.Name));
        Assert.Equal("pveagent", policy.GetProperty("policy").GetString());
        Assert.Equal(Math.Round(report.Policies[1].P95Ms, 1), policy.GetProperty("p95_ms").GetDouble());
    }
}
