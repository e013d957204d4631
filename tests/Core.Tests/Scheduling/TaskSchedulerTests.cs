using PveAgent.Core.Registry;
using PveAgent.Core.Routing;
using PveAgent.Core.Scheduling;
using PveAgent.TestSupport;
using TaskScheduler = PveAgent.Core.Scheduling.TaskScheduler;

using PveAgent.Core.Tests.Routing;

namespace PveAgent.Core.Tests.Scheduling;

public sealed class TaskSchedulerTests
{
    private readonly ManualTimeProvider _clock = new();
    private readonly List<SchedulerEvent> _events = [];

    [Fact]
    public void Submit_WhenItFits_QueuesAndStartsAtOnce()
    {
        var scheduler = Create(Gpus("brian", 3));

        var id = scheduler.Submit(Inference(), On("brian", 5));

        Assert.Equal([(SchedulerEventKind.Queued, id), (SchedulerEventKind.Started, id)], _events.Select(e => (e.Kind, e.TaskId)));
        Assert.Single(scheduler.Snapshot().Running);
    }

    [Fact]
    public void Submit_ConcurrencyLimitReached_WaitsUntilACompletionFreesASlot()
    {
        var policy = SchedulingPolicy.Default with { MaxConcurrentPerDevice = new Dictionary<AcceleratorKind, int> { [AcceleratorKind.Nvidia] = 1 } };
        var scheduler = Create(Gpus("solo", 1, policy), policy);
        var first = scheduler.Submit(Inference(), On("solo", 2));
        var second = scheduler.Submit(Inference(), On("solo", 2));

        Assert.Equal([second], scheduler.Snapshot().Queued.Select(q => q.Id));
        scheduler.Complete(first);

        Assert.Equal(second, Assert.Single(scheduler.Snapshot().Running).Id);
        Assert.Empty(scheduler.Snapshot().Queued);
    }

    [Fact]
    public void Queue_InteractiveWork_StartsBeforeEarlierBatchWork()
    {
        var scheduler = Create(OneSlot("solo"), OneSlotPolicy);
        var running = scheduler.Submit(Inference(), On("solo", 1));
        var batch = scheduler.Submit(Inference(TaskPriority.Batch), On("solo", 1, preemptible: false));
        var interactive = scheduler.Submit(Inference(TaskPriority.Interactive), On("solo", 1));

        Assert.Equal([interactive, batch], scheduler.Snapshot().Queued.Select(q => q.Id));
        scheduler.Complete(running);

        Assert.Equal(interactive, Assert.Single(scheduler.Snapshot().Running).Id);
    }

    [Fact]
    public void Queue_LongWaitingBatchWork_AgesPastNewNormalWork()
    {
        var scheduler = Create(OneSlot("solo"), OneSlotPolicy);
        var running = scheduler.Submit(Inference(), On("solo", 1));
        var batch = scheduler.Submit(Inference(TaskPriority.Batch), On("solo", 1));
        _clock.Advance(TimeSpan.FromMinutes(10));
        var normal = scheduler.Submit(Inference(), On("solo", 1));

        var queued = scheduler.Snapshot().Queued;
        scheduler.Complete(running);

        // Batch: level 0 + 10 min x 0.2 = 2.0, ahead of a fresh normal task's 1.0.
        Assert.Equal([batch, normal], queued.Select(q => q.Id));
        Assert.Equal(2.0, queued[0].EffectivePriority, 6);
        Assert.Equal(batch, Assert.Single(scheduler.Snapshot().Running).Id);
    }

    [Fact]
    public void Preemption_InteractiveTask_PausesTrainingAndTrainingResumesAfterwards()
    {
        var scheduler = Create(Gpus("brian", 3));
        var training = scheduler.Submit(Some.Task(TaskType.Training, priority: TaskPriority.Batch),
            new Placement { Node = "brian", Accelerator = AcceleratorKind.Nvidia, VramGb = 60, Devices = 3, Exclusive = true, Pausable = true });
        var chat = scheduler.Submit(Inference(TaskPriority.Interactive), On("brian", 20));

        Assert.Contains(_events, e => e is { Kind: SchedulerEventKind.Paused } && e.TaskId == training && e.Detail!.Contains(chat, StringComparison.Ordinal));
        Assert.Equal(chat, Assert.Single(scheduler.Snapshot().Running).Id);
        Assert.True(Assert.Single(scheduler.Snapshot().Queued).Paused);

        scheduler.Complete(chat);

        var resumed = _events[^1];
        Assert.Equal((SchedulerEventKind.Started, training, "resumed"), (resumed.Kind, resumed.TaskId, resumed.Detail));
    }

    [Fact]
    public void Preemption_BatchWorkThatCannotPause_IsEvicted()
    {
        var scheduler = Create(OneSlot("solo"), OneSlotPolicy);
        var batch = scheduler.Submit(Inference(TaskPriority.Batch), On("solo", 1));

        scheduler.Submit(Inference(TaskPriority.Interactive), On("solo", 1));

        Assert.Contains(_events, e => e.Kind == SchedulerEventKind.Evicted && e.TaskId == batch);
    }

    [Fact]
    public void Preemption_WhenThePolicyForbidsIt_InteractiveTaskWaits()
    {
        var policy = OneSlotPolicy with { AllowPreemption = false };
        var scheduler = Create(OneSlot("solo", policy), policy);
        var batch = scheduler.Submit(Inference(TaskPriority.Batch), On("solo", 1));

        var chat = scheduler.Submit(Inference(TaskPriority.Interactive), On("solo", 1));

        Assert.Equal(batch, Assert.Single(scheduler.Snapshot().Running).Id);
        Assert.Equal(chat, Assert.Single(scheduler.Snapshot().Queued).Id);
    }

    [Fact]
    public void Preemption_NeverTouchesNormalPriorityWork()
    {
        var scheduler = Create(OneSlot("solo"), OneSlotPolicy);
        var normal = scheduler.Submit(Inference(), On("solo", 1));

        scheduler.Submit(Inference(TaskPriority.Interactive), On("solo", 1));

        Assert.Equal(normal, Assert.Single(scheduler.Snapshot().Running).Id);
        Assert.DoesNotContain(_events, e => e.Kind is SchedulerEventKind.Evicted or SchedulerEventKind.Paused);
    }

    [Fact]
    public void Placement_ModelNeedingTwoGpus_GetsTwoAndTheNextModelTheThird()
    {
        var scheduler = Create(Gpus("brian", 3));

        scheduler.Submit(Inference(), On("brian", 47.4));
        scheduler.Submit(Inference(), On("brian", 23.9));

        var running = scheduler.Snapshot().Running;
        Assert.Equal([0, 1], running[0].Devices);
        Assert.Equal([2], running[1].Devices);
        Assert.Equal([23.7, 23.7, 23.9], scheduler.Snapshot().Devices.Where(d => d.Kind == AcceleratorKind.Nvidia).Select(d => d.UsedGb));
    }

    [Fact]
    public void Starvation_ALongWaitingLargeTask_StopsSmallTasksFromJumpingAhead()
    {
        var scheduler = Create(Gpus("solo", 1));
        var small = scheduler.Submit(Inference(), On("solo", 4));
        var large = scheduler.Submit(Inference(), On("solo", 24));
        var early = scheduler.Submit(Inference(), On("solo", 4));
        _clock.Advance(TimeSpan.FromMinutes(3));

        var late = scheduler.Submit(Inference(), On("solo", 4));

        Assert.Equal([small, early], scheduler.Snapshot().Running.Select(r => r.Id));
        Assert.Equal([large, late], scheduler.Snapshot().Queued.Select(q => q.Id));
        scheduler.Complete(small);
        scheduler.Complete(early);
        Assert.Equal(large, Assert.Single(scheduler.Snapshot().Running).Id);
    }

    [Fact]
    public void Cancel_QueuedTask_LeavesTheQueue()
    {
        var scheduler = Create(OneSlot("solo"), OneSlotPolicy);
        scheduler.Submit(Inference(), On("solo", 1));
        var waiting = scheduler.Submit(Inference(), On("solo", 1));

        Assert.True(scheduler.Cancel(waiting));

        Assert.Empty(scheduler.Snapshot().Queued);
        Assert.False(scheduler.Cancel(waiting));
    }

    [Fact]
    public void Submit_UnknownNodeOrImpossibleTask_IsRefusedWithWhatTheSchedulerKnows()
    {
        var scheduler = Create(Gpus("brian", 3));

        var unknown = Assert.Throws<ArgumentException>(() => scheduler.Submit(Inference(), On("pve9", 1)));
        var tooLarge = Assert.Throws<ArgumentException>(() => scheduler.Submit(Inference(), On("brian", 100)));

        Assert.Contains("it knows brian", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("72 GB in all", tooLarge.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scheduler_ManyThreadsSubmittingAndCompleting_EndsWithEveryDeviceFree()
    {
        var scheduler = Create(Gpus("brian", 3));
        var started = new System.Collections.Concurrent.ConcurrentQueue<string>();
        scheduler.Changed += (_, e) =>
        {
            if (e.Kind == SchedulerEventKind.Started)
            {
                started.Enqueue(e.TaskId);
            }
        };

        Parallel.For(0, 400, i =>
        {
            scheduler.Submit(Inference(i % 3 == 0 ? TaskPriority.Batch : TaskPriority.Normal), On("brian", 1 + (i % 7)));
            while (started.TryDequeue(out var id))
            {
                scheduler.Complete(id);
            }
        });
        while (started.TryDequeue(out var id))
        {
            scheduler.Complete(id);
        }

        var snapshot = scheduler.Snapshot();
        Assert.Empty(snapshot.Queued);
        Assert.Empty(snapshot.Running);
        Assert.All(snapshot.Devices, d => Assert.Equal((0.0, 0), (d.UsedGb, d.UsedSlots)));
    }

    private static readonly SchedulingPolicy OneSlotPolicy = SchedulingPolicy.Default with
    {
        MaxConcurrentPerDevice = new Dictionary<AcceleratorKind, int> { [AcceleratorKind.Nvidia] = 1 },
    };

    private TaskScheduler Create(SchedulerNode node, SchedulingPolicy? policy = null)
    {
        var scheduler = new TaskScheduler([node], policy ?? SchedulingPolicy.Default, _clock);
        scheduler.Changed += (_, e) => _events.Add(e);
        return scheduler;
    }

    private static SchedulerNode Gpus(string name, int count, SchedulingPolicy? policy = null) => SchedulerNode.FromConfig(
        new NodeConfig { Name = name, Host = name, Accelerators = [new AcceleratorConfig { Kind = AcceleratorKind.Nvidia, Model = "RTX 3090", Count = count, VramGb = 24 }] },
        policy ?? SchedulingPolicy.Default);

    private static SchedulerNode OneSlot(string name, SchedulingPolicy? policy = null) => Gpus(name, 1, policy ?? OneSlotPolicy);

    private static TaskRequest Inference(TaskPriority priority = TaskPriority.Normal) => Some.Task(TaskType.LlmInference, "llama3.1:8b", priority);

    private static Placement On(string node, double vramGb, bool? preemptible = null) =>
        new() { Node = node, Accelerator = AcceleratorKind.Nvidia, VramGb = vramGb, Preemptible = preemptible };
}
