using PveAgent.Core.Registry;
using PveAgent.Core.Routing;
using PveAgent.Core.Scheduling;
using PveAgent.Core.Tests.Routing;
using PveAgent.TestSupport;
using TaskScheduler = PveAgent.Core.Scheduling.TaskScheduler;

namespace PveAgent.Core.Tests.Scheduling;

public sealed class QueueSnapshotTests
{
    [Fact]
    public void JobLoad_CountsRunningAndWaitingJobsPerFamily_ButNotInferenceRequests()
    {
        var node = SchedulerNode.FromConfig(
            new NodeConfig { Name = "brian", Host = "brian", Accelerators = [new AcceleratorConfig { Kind = AcceleratorKind.Nvidia, Model = "RTX 3090", Count = 1, VramGb = 24 }] },
            SchedulingPolicy.Default);
        var scheduler = new TaskScheduler([node], SchedulingPolicy.Default, new ManualTimeProvider());
        var gpu = new Placement { Node = "brian", Accelerator = AcceleratorKind.Nvidia, VramGb = 10, Exclusive = true };
        scheduler.Submit(Some.Task(TaskType.Training), gpu);
        scheduler.Submit(Some.Task(TaskType.Custom("fine-tune")), gpu);
        scheduler.Submit(Some.Task(TaskType.LlmInference, "llama3.1:8b"), gpu with { Exclusive = false, VramGb = 6 });

        var snapshot = scheduler.Snapshot();
        var jobs = snapshot.JobLoad();

        Assert.Single(snapshot.Running);
        Assert.Equal(2, snapshot.Queued.Count);
        Assert.Equal(2, jobs.On("brian", AcceleratorKind.Nvidia));
        Assert.Equal(0, jobs.On("brian", AcceleratorKind.Cpu));
    }
}
