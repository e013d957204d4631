using PveAgent.Core.Registry;
using PveAgent.Core.Routing;
using PveAgent.Core.Simulation;

namespace PveAgent.Core.Tests.Simulation;

public sealed class LatencyFloorTests
{
    [Fact]
    public void Of_Jobs_AreTheirRunTimesInOrder()
    {
        var config = new ClusterConfig
        {
            Cluster = new ClusterSettings { Name = "cpu" },
            Nodes = [new NodeConfig { Name = "cpu", Host = "cpu", Capabilities = [Capabilities.Preprocessing] }],
        };
        var tasks = new[] { 30.0, 10, 20 }
            .Select((s, i) => new SimTask(i, i, new TaskRequest { Type = TaskType.Preprocessing, Size = new TaskSize { JobSeconds = s } }))
            .ToList();

        var floor = LatencyFloor.Of(tasks, new SimulatedCluster(config, SimulationOptions.Default));

        Assert.Equal([10_000, 20_000, 30_000], floor.TimesMs);
        Assert.Equal(20_000, floor.P50Ms);
        Assert.Equal(2 / 3.0, floor.ShareAbove(15_000), 9);
        Assert.Equal(0, floor.ShareAbove(30_000));
    }

    [Fact]
    public void Of_TaskNoNodeCanRun_IsLeftOut()
    {
        var tasks = new[] { new SimTask(0, 0, new TaskRequest { Type = TaskType.Custom("video-transcode"), Size = new TaskSize { JobSeconds = 60 } }) };

        var floor = LatencyFloor.Of(tasks, new SimulatedCluster(SampleCluster.Config, SimulationOptions.Default));

        Assert.Equal(0, floor.Tasks);
        Assert.Equal(0, floor.ShareAbove(0));
    }

    [Fact]
    public void Run_NoPolicy_FinishesFasterThanTheFloor()
    {
        var report = PolicyComparison.Run(SampleCluster.Config, WorkloadProfile.Speech, 20, seed: 5, PolicyNames.All);

        Assert.True(report.Floor.Tasks > 0);
        Assert.All(report.Policies, p =>
        {
            Assert.True(p.P50Ms >= report.Floor.P50Ms, $"{p.Policy} p50 {p.P50Ms} under the floor {report.Floor.P50Ms}");
            Assert.True(p.P95Ms >= report.Floor.P95Ms, $"{p.Policy} p95 {p.P95Ms} under the floor {report.Floor.P95Ms}");
            Assert.True(p.P99Ms >= report.Floor.P99Ms, $"{p.Policy} p99 {p.P99Ms} under the floor {report.Floor.P99Ms}");
        });
    }

    [Fact]
    public void Run_MixedHourOnTheSampleLab_LeavesMoreThanOneTaskInTwentyAboveSeventyPercentOfLeastLoadedsP95()
    {
        // The target (p95 30 % below least-loaded's) needs 95 % of tasks under 0.7 × that p95; on the sample lab
        // more than 5 % cannot get there even alone and warm: preprocessing runs only on pve3, long chats only on brian.
        var report = PolicyComparison.Run(SampleCluster.Config, WorkloadProfile.Mixed, 60, seed: 42, [PolicyNames.LeastLoaded]);

        var target = 0.7 * report.Find(PolicyNames.LeastLoaded)!.P95Ms;
        Assert.True(report.Floor.ShareAbove(target) > 0.05, $"{report.Floor.ShareAbove(target):P1} of tasks need more than {target / 1000:0.0} s alone");
    }
}
