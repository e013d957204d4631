using PveAgent.Core.Plans;
using PveAgent.Kernel.Planning;
using PveAgent.Kernel.Tests.Fakes;

namespace PveAgent.Kernel.Tests.Agent;

/// <summary>The same loop over the OpenAI-compatible connector (vLLM wire format), whole replies and streamed ones, to an applied plan.</summary>
public sealed class AgentKernelOpenAITests : IAsyncLifetime
{
    private OpenAIAgent _agent = null!;

    public async Task InitializeAsync() => _agent = await OpenAIAgent.StartAsync();

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public async Task NonStreaming_ToolCallThenText_PlansAppliesAndSendsHistoryInOpenAIShape()
    {
        _agent.Turns(OpenAITurns.Calls(("start_guest", """{"guest": "dev-sandbox"}""")), OpenAITurns.Text("dev-sandbox will start."));

        var result = await _agent.PlanAsync("start dev-sandbox");
        var report = await _agent.Lab.ApplyAsync(await _agent.Lab.WithVerdictsAsync(result.Plan!));

        Assert.Equal("llm:Qwen/Qwen2.5-7B-Instruct", result.Plan!.Planner);
        Assert.Equal(2, result.LlmRoundTrips);
        Assert.Equal(ApplyStatus.Applied, report.Status);
        Assert.Equal("running", (await _agent.Lab.GuestsAsync()).Single(g => g.VmId == 110).Status);

        var first = _agent.Requests[0];
        Assert.Equal(27, first.GetProperty("tools").GetArrayLength());
        Assert.Equal("function", first.GetProperty("tools")[0].GetProperty("type").GetString());
        var history = _agent.Messages(1);
        var call = history[^2].GetProperty("tool_calls")[0];
        Assert.Equal("function", call.GetProperty("type").GetString());
        Assert.Equal("""{"guest":"dev-sandbox"}""", call.GetProperty("function").GetProperty("arguments").GetString());
        Assert.Equal(call.GetProperty("id").GetString(), history[^1].GetProperty("tool_call_id").GetString());
        Assert.StartsWith("Queued as step 1; it runs after approval.", history[^1].GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Streaming_ArgumentFragmentsPerIndex_TwoStepsPlannedAndApplied()
    {
        _agent.StreamedTurn(OpenAITurns.StreamedCalls(
            ("start_guest", """{"guest": "dev-sandbox"}"""),
            ("create_snapshot", """{"guest": "dev-sandbox", "name": "clean"}""")));
        _agent.StreamedTurn(OpenAITurns.StreamedText("dev-sandbox starts, then a snapshot named clean."));

        var result = await _agent.PlanAsync("start dev-sandbox and snapshot it as clean", streaming: true);
        var report = await _agent.Lab.ApplyAsync(await _agent.Lab.WithVerdictsAsync(result.Plan!));

        Assert.Equal(["start_guest", "create_snapshot"], result.Plan!.Steps.Select(s => s.Tool));
        Assert.Equal("dev-sandbox starts, then a snapshot named clean.", result.Text);
        Assert.True(_agent.Requests[0].GetProperty("stream").GetBoolean());
        Assert.Equal(ApplyStatus.Applied, report.Status);
        Assert.Contains("clean", await _agent.Lab.SnapshotNamesAsync(110));
    }

    [Fact]
    public async Task Streaming_ReadThenAnswer_IsAnAnswerWithTheData()
    {
        _agent.StreamedTurn(OpenAITurns.StreamedCalls(("gpu_status", """{"node": "brian"}""")));
        _agent.StreamedTurn(OpenAITurns.StreamedText("brian has three RTX 3090s, all busy."));

        var result = await _agent.PlanAsync("how busy are brian's GPUs?", streaming: true);

        Assert.Equal(PlanningOutcome.Answer, result.Outcome);
        Assert.Contains("RTX 3090", Assert.Single(result.Data).GetRawText(), StringComparison.Ordinal);
        Assert.Equal(2, result.LlmRoundTrips);
    }
}
