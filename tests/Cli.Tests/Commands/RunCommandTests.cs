using System.Text.Json;
using PveAgent.TestSupport;

namespace PveAgent.Cli.Tests.Commands;

public sealed class RunCommandTests : IDisposable
{
    private readonly CliHarness _cli = new() { Clock = new AcceleratedTimeProvider(40) };

    public RunCommandTests() => _cli.UseSampleConfig();

    [Fact]
    public async Task RunType_StreamsTheAnswer_AndSaysWhereItRanAndWhy()
    {
        var run = await _cli.RunAsync("run", "--type", "llm-inference", "--model", "llama-3.3-70b", "Explain quantum computing");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.True(run.Out.Trim().Length > 20, "no answer on stdout");
        Assert.Contains("ran on brian/vllm (model was warm)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunTypeJson_SecondIdenticalRun_LandsWhereTheModelIsNowWarm()
    {
        var first = await RunJsonAsync("run", "--type", "embeddings", "--model", "nomic-embed-text", "hello", "--json");
        var second = await RunJsonAsync("run", "--type", "embeddings", "--model", "nomic-embed-text", "hello", "--json");

        Assert.False(first.GetProperty("warm").GetBoolean());
        Assert.True(second.GetProperty("warm").GetBoolean());
        Assert.Equal(first.GetProperty("node").GetString(), second.GetProperty("node").GetString());
        Assert.Equal(first.GetProperty("service").GetString(), second.GetProperty("service").GetString());
        // Why the second is faster, said deterministically (wall-clock latency on a shared machine is not): the first
        // paid an estimated model load, the second found the model loaded.
        Assert.Contains(Reasons(first), r => r.StartsWith("cold-start ", StringComparison.Ordinal) && r.Contains("to load", StringComparison.Ordinal));
        Assert.Contains(Reasons(second), r => r.StartsWith("warm-model +", StringComparison.Ordinal));
        Assert.DoesNotContain(Reasons(second), r => r.StartsWith("cold-start ", StringComparison.Ordinal));
        Assert.False(string.IsNullOrEmpty(second.GetProperty("output").GetString()));
    }

    [Fact]
    public async Task RunType_ModelNobodyHas_ExitsThreeWithEachExclusionAndThePullCommand()
    {
        var run = await _cli.RunAsync("run", "--type", "llm-inference", "--model", "llama3.1:8b", "hi");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("ollama pull llama3.1:8b", run.Out + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunType_AJob_IsRoutedButRefusedHonestly_WithoutMakingAPlan()
    {
        var run = await _cli.RunAsync("run", "--type", "training");
        var plans = await _cli.RunAsync("plans");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("would run as a job on brian", run.Error, StringComparison.Ordinal);
        Assert.Contains("No plans yet", plans.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunType_MissingInputFile_IsRefusedBeforeAnythingRuns()
    {
        var run = await _cli.RunAsync("run", "--type", "speech-to-text", "--input-file", "nope.wav");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("nope.wav does not exist", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunType_GuestOfTheServiceStopped_FallsBackOrStartsIt_AndSaysSo()
    {
        _cli.Input = "y\n";
        Assert.Equal(0, (await _cli.RunAsync("run", "stop ollama-brian")).ExitCode);
        _cli.Input = "y\n";

        var run = await RunJsonAsync("run", "--type", "small-llm-inference", "--model", "llama3.2:3b", "hi", "--json");

        Assert.True(run.GetProperty("succeeded").GetBoolean());
        Assert.Equal("llama3.2:3b", run.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Queue_AfterARun_ListsItAsFinishedWithItsLatency_AndShowsServiceLoad()
    {
        await RunJsonAsync("run", "--type", "small-llm-inference", "--model", "llama3.2:3b", "hello", "--json");

        var queue = await _cli.RunAsync("queue");

        Assert.Equal(0, queue.ExitCode);
        Assert.Contains("No PveAgent task is running", queue.Out, StringComparison.Ordinal);
        Assert.Contains("brian/ollama", queue.Out, StringComparison.Ordinal);
        Assert.Contains("succeeded", queue.Out, StringComparison.Ordinal);
        Assert.Contains("96 streams", queue.Out, StringComparison.Ordinal);
    }

    private async Task<JsonElement> RunJsonAsync(params string[] args)
    {
        var run = await _cli.RunAsync(args);
        Assert.True(run.ExitCode == 0, run.Error);
        return JsonDocument.Parse(run.Out).RootElement.Clone();
    }

    private static List<string> Reasons(JsonElement run) => [.. run.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!)];

    public void Dispose() => _cli.Dispose();
}
