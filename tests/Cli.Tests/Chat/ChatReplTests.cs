using System.Text.Json;
using System.Text.RegularExpressions;
using PveAgent.Core.Plans;
using PveAgent.TestSupport;

namespace PveAgent.Cli.Tests.Chat;

/// <summary><c>pve-agent chat</c> end to end: lines on stdin, a scripted Ollama as the network, the simulated cluster.</summary>
public sealed partial class ChatReplTests : IDisposable
{
    private readonly CliHarness _cli = new() { Clock = new AcceleratedTimeProvider(40) };
    private readonly ScriptedOllama _ollama = new();

    public ChatReplTests()
    {
        _cli.UseSampleConfig();
        _cli.NetworkHandler = _ollama;
    }

    public void Dispose()
    {
        _ollama.Dispose();
        _cli.Dispose();
    }

    [Fact]
    public async Task Chat_PlanApproveApply_ThenUndo_TheClusterAndTheStoreShowEachStep()
    {
        _ollama.Calls(("start_guest", """{"guest":"dev-sandbox"}""")).Text("dev-sandbox (VM 110) will start on brian.");
        _cli.Input = "start dev-sandbox\ny\n/undo\ny\n/quit\n";

        var run = await _cli.RunAsync("chat");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Planner: ollama qwen2.5:7b at http://localhost:11434.", run.Out, StringComparison.Ordinal);
        Assert.Contains("agent> dev-sandbox (VM 110) will start on brian.", run.Out, StringComparison.Ordinal);
        Assert.Contains("llm:qwen2.5:7b", run.Out, StringComparison.Ordinal);
        Assert.Contains("needs approval", run.Out, StringComparison.Ordinal);
        Assert.Equal(new Uri("http://localhost:11434/api/chat"), _ollama.Requests[0].Uri);
        Assert.Equal("qwen2.5:7b", _ollama.Requests[0].Body.GetProperty("model").GetString());

        var store = PlanStore.InDirectory(_cli.StateDirectory);
        var plans = await store.ListAsync();
        var started = plans.Single(p => p.Intent == "start dev-sandbox");
        var undo = plans.Single(p => p.Intent.StartsWith("undo " + started.Id, StringComparison.Ordinal));
        Assert.Equal(PlanStatus.Undone, started.Status);
        Assert.Equal(PlanStatus.Applied, undo.Status);
        Assert.Equal("stopped", await StatusOf(110));

        var turns = await store.ReadConversationAsync(ConversationId(run.Out));
        Assert.Equal(["user", "assistant", "system"], turns.Take(3).Select(t => t.Role));
        Assert.Equal(started.Id, turns[1].PlanId);
    }

    [Fact]
    public async Task Chat_ChangeStepTwo_ReplansWithTheConversation_RejectLeavesTheClusterAlone()
    {
        _ollama
            .Calls(("create_snapshot", """{"guest":"110","name":"pre-move"}"""), ("migrate_guest", """{"guest":"110","target":"edge-tt"}"""))
            .Text("Snapshot, then move to edge-tt.")
            .Calls(("create_snapshot", """{"guest":"110","name":"pre-move"}"""), ("migrate_guest", """{"guest":"110","target":"pve3"}"""))
            .Text("Snapshot, then move to pve3.");
        _cli.Input = "snapshot dev-sandbox as pre-move, then migrate it to edge-tt\nchange step 2 to pve3\n/plan\nn\n/quit\n";

        var run = await _cli.RunAsync("chat");

        Assert.True(run.ExitCode == 0, run.Error);
        var replan = _ollama.Requests[2].Body.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("content").GetString()).ToList();
        Assert.Contains(replan, m => m!.Contains("2) migrate_guest {\"guest\":\"110\",\"target\":\"edge-tt\"}", StringComparison.Ordinal));
        Assert.Equal("change step 2 to pve3", replan[^1]);
        var shown = run.Out[run.Out.LastIndexOf("you> /plan", StringComparison.Ordinal)..];
        Assert.Contains("to pve3", shown, StringComparison.Ordinal);
        Assert.Contains("Rejected.", run.Out, StringComparison.Ordinal);
        Assert.Equal("brian", await NodeOf(110));
    }

    [Fact]
    public async Task Chat_NoLlmReachable_SaysSoAndPlansWithTheRuleBasedPlanner()
    {
        _cli.NetworkHandler = null;
        _cli.Input = "start dev-sandbox\nn\n/quit\n";

        var run = await _cli.RunAsync("chat", "--llm-url", "http://127.0.0.1:9/");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("note: No LLM is reachable", run.Out, StringComparison.Ordinal);
        Assert.Contains("rule-based", run.Out, StringComparison.Ordinal);
        Assert.Contains("start_guest", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_ModelCommand_SwitchesTheModelForTheNextRequest_AndHelpListsTheCommands()
    {
        _ollama.Text("Hello.").Text("Still here.");
        _cli.Input = "hello\n/model qwen3:8b\nhello again\n/help\n/status\n/quit\n";

        var run = await _cli.RunAsync("chat");

        Assert.Equal(["qwen2.5:7b", "qwen3:8b"], _ollama.Requests.Select(r => r.Body.GetProperty("model").GetString()));
        Assert.Contains("Planner: ollama qwen3:8b at http://localhost:11434", run.Out, StringComparison.Ordinal);
        Assert.Contains("/undo          plan the undo of the last applied plan", run.Out, StringComparison.Ordinal);
        Assert.Contains("agent> homelab (simulated): 3 nodes", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_BadProviderFlag_IsAUsageErrorNamingTheChoices()
    {
        var run = await _cli.RunAsync("chat", "--llm-provider", "gpt");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--llm-provider 'gpt' is not an LLM provider: use ollama or openai", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanLlmJson_IsTheSamePlanJsonAsTheRuleBasedPlanners_WithTheModelAndPromptVersion()
    {
        _ollama.Calls(("start_guest", """{"guest":"dev-sandbox"}""")).Text("dev-sandbox will start.");

        var llm = await _cli.RunAsync("plan", "--llm", "start dev-sandbox", "--json");
        var rules = await _cli.RunAsync("plan", "start dev-sandbox", "--json");

        Assert.True(llm.ExitCode == 0, llm.Error);
        using var a = JsonDocument.Parse(llm.Out);
        using var b = JsonDocument.Parse(rules.Out);
        Assert.Equal("llm:qwen2.5:7b", a.RootElement.GetProperty("planner").GetString());
        Assert.Equal("planner@1.0", a.RootElement.GetProperty("prompt_version").GetString());
        Assert.Equal(b.RootElement.GetProperty("steps")[0].GetProperty("action").GetRawText(), a.RootElement.GetProperty("steps")[0].GetProperty("action").GetRawText());
        Assert.Equal(Keys(b.RootElement.GetProperty("steps")[0]), Keys(a.RootElement.GetProperty("steps")[0]));
    }

    [Fact]
    public async Task RunLlm_ApprovedOnStdin_AppliesThePlan()
    {
        _ollama.Calls(("start_guest", """{"guest":"dev-sandbox"}""")).Text("dev-sandbox will start.");
        _cli.Input = "y\n";

        var run = await _cli.RunAsync("run", "--llm", "start dev-sandbox");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("dev-sandbox will start.", run.Out, StringComparison.Ordinal);
        Assert.Equal("running", await StatusOf(110));
    }

    private static IReadOnlyList<string> Keys(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

    private static string ConversationId(string output) => ConversationLine().Match(output).Groups["id"].Value;

    private async Task<string> StatusOf(int vmid) => (await Guest(vmid)).GetProperty("status").GetString()!;

    private async Task<string> NodeOf(int vmid) => (await Guest(vmid)).GetProperty("node").GetString()!;

    private async Task<JsonElement> Guest(int vmid)
    {
        var status = await _cli.RunAsync("status", "--json");
        return JsonDocument.Parse(status.Out).RootElement.GetProperty("guests").EnumerateArray().Single(g => g.GetProperty("vmid").GetInt32() == vmid).Clone();
    }

    [GeneratedRegex(@"Conversation saved as (?<id>chat-[0-9-]+-[0-9a-f]{6})")]
    private static partial Regex ConversationLine();
}
