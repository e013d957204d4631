using PveAgent.Core.Plans;
using PveAgent.Core.Routing;
using PveAgent.Core.Scheduling;
using PveAgent.Plugins.Planning;
using PveAgent.Plugins.Results;

namespace PveAgent.Plugins.Tests;

public sealed class RouterPluginTests(LabFixture fixture) : IClassFixture<LabFixture>
{
    private readonly SimulatedLab _lab = fixture.Lab;

    [Fact]
    public async Task RouteTask_SpeechToText_ChoosesWhisperOnEdgeTtAndExplainsTheScore()
    {
        var route = await _lab.NewSession().ReadAsync<RouteResult>("route_task", ("task", "speech-to-text"));

        Assert.Equal(("edge-tt", "whisper", "whisper-large-v3"), (route.Choice!.Node, route.Choice.Service, route.Choice.Model));
        Assert.Contains(route.Choice.Why, w => w.StartsWith("cold-start ", StringComparison.Ordinal));
        Assert.Contains("brian: does not declare the capability 'speech-to-text'", route.Rejected);
    }

    [Fact]
    public async Task RouteTask_Json_KeepsSymbolsAndQuotesUnescapedForTheModel()
    {
        var result = await _lab.NewSession().CallAsync("route_task", ("task", "speech-to-text"));

        var json = result.Json.GetRawText();
        Assert.Contains("streams × 1 wormhole-n150", json, StringComparison.Ordinal);
        Assert.Contains("capability 'speech-to-text'", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RouteTask_WarmModel_IsChosenWhereItIsLoaded()
    {
        var route = await _lab.NewSession().ReadAsync<RouteResult>("route_task", ("task", "llm-inference"), ("model", "llama-3.3-70b"));

        Assert.Equal(("brian", "vllm", true), (route.Choice!.Node, route.Choice.Service, route.Choice.Warm));
        Assert.Equal("llama-3.3-70b", route.Model);
    }

    [Fact]
    public async Task RouteTask_UnknownTaskType_SuggestsTheClosestTypes()
    {
        var error = await _lab.NewSession().RefusedAsync("route_task", ("task", "speech-to-txt"));

        Assert.Equal("Unknown task type 'speech-to-txt'.", error.Error);
        Assert.Equal("speech-to-text", error.DidYouMean![0]);
    }

    [Fact]
    public async Task RunTask_Transcription_QueuesARunTaskStepOnTheRoutersChoice()
    {
        var session = _lab.NewSession();

        var step = await session.ProposeAsync("run_task", ("task", "speech-to-text"), ("file", "/mnt/nas/meeting.wav"));

        Assert.Equal(new RunTaskAction("speech-to-text", "whisper-large-v3", null, "/mnt/nas/meeting.wav", "edge-tt", "whisper"), step.Action);
        Assert.Equal([new NodeStatusPrecondition("edge-tt", Core.State.NodeStatus.Online)], step.Preconditions);
        Assert.Null(step.Compensation);
    }

    [Fact]
    public async Task RunTask_WithoutInput_IsRefused()
    {
        var error = await _lab.NewSession().RefusedAsync("run_task", ("task", "embeddings"));

        Assert.Equal("A embeddings task needs an input: give input (the text) or file (a path).", error.Error);
    }

    [Fact]
    public async Task RunTask_AfterTheServiceGuestIsQueuedToShutDown_SeesThatItMustStartAgain()
    {
        var before = await _lab.NewSession().ProposeAsync("run_task", ("task", "embeddings"), ("model", "bge-large-en-v1.5"), ("input", "some text"));
        var session = _lab.NewSession();
        await session.ProposeAsync("shutdown_guest", ("guest", "vllm-edge-tt"));

        var after = await session.ProposeAsync("run_task", ("task", "embeddings"), ("model", "bge-large-en-v1.5"), ("input", "some text"));

        // Only edge-tt's embed service has bge-large-en-v1.5, and it lives in VM 402, which the plan shuts down first.
        Assert.Equal(("edge-tt", "embed"), (((RunTaskAction)after.Action).Node, ((RunTaskAction)after.Action).Service));
        Assert.DoesNotContain("its guest starts first", before.Rationale, StringComparison.Ordinal);
        Assert.Contains("its guest starts first", after.Rationale, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TaskQueue_WithoutAScheduler_SaysSo()
    {
        var queue = await _lab.NewSession().ReadAsync<QueueStatus>("task_queue");

        Assert.Empty(queue.Queued);
        Assert.StartsWith("No scheduler runs in this process", queue.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TaskQueue_WithAScheduler_ListsQueuedAndRunningTasks()
    {
        var at = _lab.Clock.GetUtcNow();
        var snapshot = new QueueSnapshot
        {
            At = at,
            Queued = [new QueuedTaskView { Id = "t-2", Type = "llm-inference", Model = "qwen-2.5-32b", Priority = TaskPriority.Batch, EffectivePriority = 0.2, Node = "brian", Waited = TimeSpan.FromSeconds(42) }],
            Running = [new RunningTaskView { Id = "t-1", Type = "training", Priority = TaskPriority.Normal, Node = "brian", Devices = [0, 1], VramGb = 40, StartedAt = at.AddMinutes(-5), Preemptible = true }],
            Devices = [],
        };
        var session = new PlanningSession(ToolCatalog.Default, new ToolContext(_lab.Snapshots, _lab.Api, _lab.Config, _lab.Clock) { Queue = () => snapshot });

        var queue = await session.ReadAsync<QueueStatus>("task_queue");

        Assert.Equal(new QueuedTaskRow("t-2", "llm-inference", "brian", "batch", 42, "qwen-2.5-32b"), Assert.Single(queue.Queued));
        Assert.Equal([0, 1], Assert.Single(queue.Running).Devices);
        Assert.Null(queue.Note);
    }
}
