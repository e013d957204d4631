using PveAgent.Kernel.Agent;
using PveAgent.Kernel.Connectors;
using PveAgent.Kernel.Planning;
using PveAgent.Kernel.Tests.Fakes;

namespace PveAgent.Kernel.Tests.Agent;

/// <summary>The LLM planner with the rule-based planner standing in when no LLM can be used.</summary>
public sealed class AgentPlannerTests
{
    [Fact]
    public async Task Plan_NothingListensAtTheLlmUrl_RuleBasedPlanStandsInAndSaysWhy()
    {
        using var lab = new KernelLab();
        using var http = Some.HttpClient();
        var client = new OllamaChatClient(http, new OllamaChatClientOptions { Endpoint = ClosedPort.Loopback(), DefaultModel = "qwen2.5:7b" });
        var planner = new AgentPlanner(new AgentKernel(client, KernelLab.Prompt));

        var result = await planner.PlanAsync("start dev-sandbox", lab.NewContext);

        Assert.Equal(PlanningOutcome.Plan, result.Outcome);
        Assert.Equal("rule-based", result.Plan!.Planner);
        Assert.Equal("start_guest", Assert.Single(result.Plan.Steps).Tool);
        Assert.StartsWith("No LLM is reachable: ", result.Notice, StringComparison.Ordinal);
        Assert.EndsWith("Planned with the rule-based planner instead.", result.Notice, StringComparison.Ordinal);
        Assert.NotNull(planner.LlmUnavailable);
    }

    [Fact]
    public async Task Plan_ModelNotPulled_FallsBack_AndLaterRequestsDoNotAskAgainUntilRetried()
    {
        await using var server = await FakeOllamaServer.StartAsync();
        using var lab = new KernelLab();
        using var http = Some.HttpClient();
        server.EnqueueChat(FakeOllamaServer.FixtureLineJson("errors_REAL_and_source.txt", "model 'llama3' not found, try pulling it first"), 404);
        var client = new OllamaChatClient(http, new OllamaChatClientOptions { Endpoint = server.Endpoint, DefaultModel = "llama3" });
        var planner = new AgentPlanner(new AgentKernel(client, KernelLab.Prompt));

        var first = await planner.PlanAsync("status", lab.NewContext);
        var second = await planner.PlanAsync("status", lab.NewContext);

        Assert.Equal(PlanningOutcome.Answer, first.Outcome);
        Assert.Contains("ollama pull", first.Notice, StringComparison.Ordinal);
        Assert.StartsWith("Rule-based planner (the LLM is unavailable: ", second.Notice, StringComparison.Ordinal);
        Assert.Single(server.ChatRequests);

        planner.RetryLlm();
        server.EnqueueChat(OllamaTurns.Text("All three nodes are online."));
        var third = await planner.PlanAsync("status", lab.NewContext);

        Assert.Equal("All three nodes are online.", third.Text);
        Assert.Null(third.Notice);
        Assert.Equal(2, server.ChatRequests.Count);
    }

    [Fact]
    public async Task Plan_NoKernel_IsTheRuleBasedPlannerWithoutANotice()
    {
        using var lab = new KernelLab();

        var result = await new AgentPlanner(null).PlanAsync("start dev-sandbox", lab.NewContext);

        Assert.Equal("rule-based", result.Planner);
        Assert.Null(result.Notice);
        Assert.Equal("no LLM is configured", new AgentPlanner(null).LlmUnavailable);
    }
}
