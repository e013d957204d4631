using System.Text.Json;
using PveAgent.Core.Execution;
using PveAgent.Core.Plans;
using PveAgent.Core.Routing;
using PveAgent.Core.State;
using PveAgent.Core.Tests.Proxmox.Fakes;
using PveAgent.Core.Tests.Simulation;

namespace PveAgent.Core.Tests.Execution;

/// <summary>Task runs end to end on the simulated cluster: routing, warm models, fallback, no second run after output, input files.</summary>
public sealed class TaskRunnerTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(20);

    [Fact]
    public async Task Run_SecondIdenticalRequest_LandsWhereTheFirstLeftTheModelWarm()
    {
        using var lab = new SimLab(TwoOllamaNodes.Config);
        var (tasks, _) = lab.Stack();
        var router = new Router();
        var cold = router.Route(Llm("qwen2.5:7b"), await lab.Run(() => lab.Snapshots().ReadAsync()), RoutingOptions.Default);

        var first = await lab.Run(() => tasks.RunAsync(Request(Llm("qwen2.5:7b") with { Constraints = new TaskConstraints { PinNode = "beta" } })), Step);
        var second = await lab.Run(() => tasks.RunAsync(Request(Llm("qwen2.5:7b"))), Step);

        Assert.Equal(("alpha", false), (cold.Best!.Node, cold.Best.Warm));
        Assert.True(first.Succeeded, first.Error);
        Assert.Equal(("beta", false), (first.Node, first.Warm));
        Assert.True(second.Succeeded, second.Error);
        Assert.Equal(("beta", "ollama", true), (second.Node, second.Service, second.Warm));
        Assert.Contains(second.Reasons, r => r.StartsWith("warm-model +30.0", StringComparison.Ordinal));
        Assert.EndsWith("(model was warm).", second.Summary);
        Assert.True(second.LatencyMs < first.LatencyMs, "A warm model answers faster than a cold load.");
    }

    [Fact]
    public async Task Run_Success_RecordsTheMeasuredLatencyForTheRouter()
    {
        using var lab = new SimLab(TwoOllamaNodes.Config);
        var latencies = new LatencyWindows();
        var (tasks, _) = lab.Stack(latencies: latencies);

        var result = await lab.Run(() => tasks.RunAsync(Request(Llm("llama3.2:3b"))), Step);

        Assert.True(latencies.Snapshot().TryGet(result.Node!, result.Service!, "llama3.2:3b", out var summary));
        Assert.False(latencies.Snapshot().TryGet(result.Node!, result.Service!, "llama3.1:8b", out _));
        Assert.Equal(1, summary.Count);
        Assert.Equal(result.LatencyMs!.Value, summary.MeanMs, 6);
        Assert.True(result.LatencyMs > 0);
    }

    [Fact]
    public async Task Run_FirstCandidatesGuestRefusesConnections_NextCandidateRunsAndTheAttemptIsReported()
    {
        using var lab = new SimLab(TwoOllamaNodes.Config);
        var snapshots = new SnapshotThen(lab.Snapshots(), async () => await lab.Proxmox.WaitForTaskAsync(await lab.Proxmox.StopGuestAsync("alpha", GuestType.Lxc, 201)));
        var (tasks, _) = lab.Stack(snapshots);
        var progress = new ListProgress<ExecutionProgress>();
        var output = new List<string>();

        var result = await lab.Run(() => tasks.RunAsync(Request(Llm("llama3.2:3b")), OllamaNativeExecutorTests.Collect(output), progress), Step);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(("beta", "ollama"), (result.Node, result.Service));
        Assert.Equal([new TaskAttempt("alpha", "ollama", "connection refused")], result.Attempts);
        Assert.Contains(progress.Reports, p => p.Stage == ExecutionStage.Fallback && p.Message == "alpha/ollama failed: connection refused — trying beta/ollama");
        Assert.Equal(string.Concat(output), result.Output);
        Assert.Contains("after 1 candidate failed", result.Summary);
    }

    [Fact]
    public async Task Run_FailureAfterOutputStarted_IsNotRetriedElsewhere()
    {
        using var lab = new SimLab(TwoOllamaNodes.Config);
        var (tasks, _) = lab.Stack();
        var output = new List<string>();
        var stopping = false;

        var result = await lab.Run(() => tasks.RunAsync(Request(Llm("llama3.2:3b")) with { MaxTokens = 1000 }, async (text, token) =>
        {
            output.Add(text);
            if (!stopping)
            {
                // The guest goes down while the answer streams (a crash, or someone stopping it).
                stopping = true;
                await lab.Proxmox.StopGuestAsync("alpha", GuestType.Lxc, 201, token);
            }
        }), Step);

        Assert.False(result.Succeeded);
        var attempt = Assert.Single(result.Attempts);
        Assert.Equal(("alpha", true), (attempt.Node, attempt.OutputStarted));
        Assert.Equal(string.Concat(output), result.Output);
        Assert.InRange(output.Count, 2, 999);
        Assert.Contains("the request is not repeated elsewhere", result.Error);
        Assert.DoesNotContain(lab.InferenceRequests.Matching("POST", "/api/chat"), r => r.Host == "10.0.0.12");
    }

    [Fact]
    public async Task Run_Cancelled_StopsWithoutTryingAnotherCandidate()
    {
        using var lab = new SimLab(TwoOllamaNodes.Config);
        var (tasks, _) = lab.Stack();
        using var cancel = new CancellationTokenSource();

        var run = SimLab.Start(() => tasks.RunAsync(Request(Llm("llama3.2:3b")) with { MaxTokens = 500 }, (_, _) =>
        {
            cancel.Cancel();
            return ValueTask.CompletedTask;
        }, null, cancel.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => lab.Run(() => run, Step));

        Assert.Single(lab.InferenceRequests.Matching("POST", "/api/chat"));
        Assert.Equal(0, lab.InFlight("alpha", "ollama"));
    }

    [Fact]
    public async Task Run_ServicesGuestStopped_StartsTheGuestWaitsForTheServiceAndRuns()
    {
        using var lab = new SimLab(TwoOllamaNodes.Sleepy);
        await lab.StopGuestAsync("alpha", GuestType.Lxc, 201);
        var (tasks, _) = lab.Stack();
        var progress = new ListProgress<ExecutionProgress>();

        var result = await lab.Run(() => tasks.RunAsync(Request(Llm("llama3.2:3b")), null, progress), Step);

        Assert.True(result.Succeeded, result.Error);
        Assert.True(result.StartedGuest);
        Assert.False(result.Woke);
        Assert.Contains(progress.Reports, p => p.Stage == ExecutionStage.StartingGuest && p.Message == "starting CT 201 (ollama-alpha) for alpha/ollama");
        Assert.Single(lab.Requests.Matching("POST", "/lxc/201/status/start"));
        Assert.NotEmpty(lab.InferenceRequests.Matching("GET", "/api/version"));
    }

    [Fact]
    public async Task Run_OnlyCandidateAsleep_WakesItThroughAnotherNodeThenRuns()
    {
        using var lab = new SimLab(TwoOllamaNodes.Sleepy);
        await lab.Engine.SetNodeOnlineAsync("alpha", false);
        var (tasks, _) = lab.Stack();
        var progress = new ListProgress<ExecutionProgress>();

        var result = await lab.Run(() => tasks.RunAsync(Request(Llm("llama3.2:3b")), null, progress), Step);

        Assert.True(result.Succeeded, result.Error);
        Assert.True(result.Woke);
        Assert.Equal("alpha", result.Node);
        Assert.Contains(progress.Reports, p => p.Stage == ExecutionStage.Waking && p.Message == "waking alpha (Wake-on-LAN via gamma)");
        Assert.Contains(progress.Reports, p => p.Stage == ExecutionStage.Waking && p.Message.StartsWith("waiting for alpha to boot (", StringComparison.Ordinal));
        Assert.Single(lab.Requests.Matching("POST", "/nodes/alpha/wakeonlan"));
        Assert.True(result.Total >= TimeSpan.FromSeconds(60), $"The run took {result.Total}, less than the node's boot time.");
    }

    [Fact]
    public async Task Run_MissingInputFile_FailsBeforeAnythingRuns()
    {
        using var lab = new SimLab(TwoOllamaNodes.Config);
        var (tasks, _) = lab.Stack();
        var path = Path.Combine(Path.GetTempPath(), $"pveagent-missing-{Guid.NewGuid():N}.txt");

        var result = await lab.Run(() => tasks.RunAsync(Request(Llm("llama3.2:3b")) with { InputFile = path }));

        Assert.False(result.Succeeded);
        Assert.StartsWith($"The input file '{path}' does not exist", result.Error);
        Assert.Null(result.Decision);
        Assert.Empty(lab.Requests.All);
        Assert.Empty(lab.InferenceRequests.All);
    }

    [Fact]
    public async Task Run_TextInputFile_IsAppendedToThePrompt()
    {
        using var lab = new SimLab(TwoOllamaNodes.Config);
        var gate = new GatedSnapshots(lab.Snapshots());
        var (tasks, _) = lab.Stack(gate);
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, "The meeting moved to Tuesday.");

            var result = await lab.RunAfterIo(gate, () => tasks.RunAsync(Request(Llm("llama3.2:3b") with { Input = "Summarise:" }) with { InputFile = path }), Step);

            Assert.True(result.Succeeded, result.Error);
            var sent = JsonDocument.Parse(Assert.Single(lab.InferenceRequests.Matching("POST", "/api/chat")).Body).RootElement;
            Assert.Equal("Summarise:\n\nThe meeting moved to Tuesday.", sent.GetProperty("messages")[0].GetProperty("content").GetString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Run_SpeechToTextWithAnAudioFile_SendsTheBytesToTheWhisperServer()
    {
        using var lab = new SimLab(SampleCluster.Config);
        var gate = new GatedSnapshots(lab.Snapshots());
        var (tasks, _) = lab.Stack(gate);
        var path = Path.Combine(Path.GetTempPath(), $"pveagent-{Guid.NewGuid():N}.wav");
        try
        {
            await File.WriteAllBytesAsync(path, AudioTranscriptionExecutorTests.Wav(seconds: 8));

            var result = await lab.RunAfterIo(gate, () => tasks.RunAsync(new TaskRunRequest { Task = new TaskRequest { Type = TaskType.SpeechToText }, InputFile = path }), Step);

            Assert.True(result.Succeeded, result.Error);
            Assert.Equal(("edge-tt", "whisper"), (result.Node, result.Service));
            Assert.NotEmpty(result.Output);
            Assert.Contains($"filename={Path.GetFileName(path)}", Assert.Single(lab.InferenceRequests.Matching("POST", "/v1/audio/transcriptions")).Body);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Run_SpeechToTextWithoutAFile_SaysHowToPassOne()
    {
        using var lab = new SimLab(SampleCluster.Config);
        var (tasks, _) = lab.Stack();

        var result = await lab.Run(() => tasks.RunAsync(new TaskRunRequest { Task = new TaskRequest { Type = TaskType.SpeechToText } }));

        Assert.Equal("Speech-to-text needs an audio file: pass it with --input-file <path>.", result.Error);
    }

    [Fact]
    public async Task Run_NoNodeCanTakeTheTask_FailsWithTheRejections()
    {
        using var lab = new SimLab(TwoOllamaNodes.Config);
        var (tasks, _) = lab.Stack();

        var result = await lab.Run(() => tasks.RunAsync(new TaskRunRequest { Task = new TaskRequest { Type = TaskType.Embeddings, Input = "hello" } }));

        Assert.False(result.Succeeded);
        Assert.StartsWith("No node can run embeddings: alpha: does not declare the capability 'embeddings'", result.Error);
        Assert.Empty(lab.InferenceRequests.Matching("POST", "/api/embed"));
    }

    [Fact]
    public async Task RunTaskAction_ThroughTheActionRunner_RunsOnThePlannedServiceAndCarriesTheOutput()
    {
        using var lab = new SimLab(TwoOllamaNodes.Config);
        var (_, actions) = lab.Stack();
        var action = new RunTaskAction("llm-inference", "llama3.2:3b", "hello there", null, "beta", "ollama");

        var started = await SimLab.Start(() => actions.StartAsync(action));
        var outcome = await lab.Run(() => actions.WaitAsync(action, started), Step);

        Assert.Null(started.Completed);
        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.StartsWith("llm-inference ran on beta/ollama with llama3.2:3b in ", outcome.Summary);
        Assert.False(string.IsNullOrEmpty(outcome.Output));
        Assert.Single(lab.InferenceRequests.Matching("POST", "/api/chat"), r => r.Host == "10.0.0.12");
    }

    private static TaskRequest Llm(string model) => new() { Type = TaskType.LlmInference, Model = model, Input = "Why is the sky blue?" };

    private static TaskRunRequest Request(TaskRequest task) => new() { Task = task, MaxTokens = 8 };

    /// <summary>Takes the snapshot, then changes the cluster (what happens between routing and the request in real life).</summary>
    private sealed class SnapshotThen(IClusterSnapshotSource inner, Func<Task> then) : IClusterSnapshotSource
    {
        public async Task<ClusterSnapshot> ReadAsync(CancellationToken cancellationToken = default)
        {
            var snapshot = await inner.ReadAsync(cancellationToken);
            await then();
            return snapshot;
        }
    }
}
