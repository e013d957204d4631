using PveAgent.Core.Plans;
using PveAgent.Kernel.Planning;
using PveAgent.Kernel.Tests.Fakes;

namespace PveAgent.Kernel.Tests.Agent;

/// <summary>
/// Intent → scripted model turns on a fake Ollama (real wire format) → plan against the simulated lab → guardrail
/// verdicts → approve → journaled apply → the simulated cluster shows the change. The model is scripted; what is under
/// test is everything around it.
/// </summary>
public sealed class AgentKernelIntentTests : IAsyncLifetime
{
    private OllamaAgent _agent = null!;

    public async Task InitializeAsync() => _agent = await OllamaAgent.StartAsync();

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public async Task StartByName_OneCallThenAnAnswer_AppliesAndTheVmRuns()
    {
        var (result, report) = await PlanAndApplyAsync("start dev-sandbox",
            OllamaTurns.Calls(("start_guest", """{"guest":"dev-sandbox"}""")),
            OllamaTurns.Text("Queued: start dev-sandbox (VM 110) on brian."));

        Assert.Equal(["start_guest"], Tools(result));
        Assert.Equal("Queued: start dev-sandbox (VM 110) on brian.", result.Text);
        Assert.Equal(2, result.LlmRoundTrips);
        Assert.Equal(ApplyStatus.Applied, report.Status);
        Assert.Equal("running", await StatusOf(110));
    }

    [Fact]
    public async Task ShutdownContainer_AppliesAndTheContainerStops()
    {
        var (result, report) = await PlanAndApplyAsync("shut down pihole",
            OllamaTurns.Calls(("shutdown_guest", """{"guest":"pihole"}""")),
            OllamaTurns.Text("Pi-hole will be shut down."));

        Assert.Equal(ToolEffect.Disruptive, Assert.Single(result.Plan!.Steps).Effect);
        Assert.Equal(ApplyStatus.Applied, report.Status);
        Assert.Equal("stopped", await StatusOf(150));
    }

    [Fact]
    public async Task RebootById_AppliesAsARebootTask()
    {
        var (result, report) = await PlanAndApplyAsync("reboot homeassistant",
            OllamaTurns.Calls(("reboot_guest", """{"guest":"100"}""")),
            OllamaTurns.Text("Home Assistant will reboot."));

        Assert.Equal(["reboot_guest"], Tools(result));
        Assert.Equal(ApplyStatus.Applied, report.Status);
        Assert.Contains(await _agent.Lab.Api.GetClusterTasksAsync(), t => t.Type == "qmreboot" && t.Id == "100");
    }

    [Fact]
    public async Task NamedSnapshot_AppliesAndTheSnapshotExists()
    {
        var (_, report) = await PlanAndApplyAsync("snapshot homeassistant as before-upgrade",
            OllamaTurns.Calls(("create_snapshot", """{"guest":"homeassistant","name":"before-upgrade"}""")),
            OllamaTurns.Text("A snapshot before-upgrade of homeassistant is queued."));

        Assert.Equal(ApplyStatus.Applied, report.Status);
        Assert.Contains("before-upgrade", await _agent.Lab.SnapshotNamesAsync(100));
    }

    [Fact]
    public async Task MigrateStoppedVm_AppliesAndTheVmIsOnTheTarget()
    {
        var (result, report) = await PlanAndApplyAsync("move dev-sandbox to pve3",
            OllamaTurns.Calls(("migrate_guest", """{"guest":"110","target":"pve3"}""")),
            OllamaTurns.Text("dev-sandbox moves to pve3."));

        Assert.Equal(2, result.LlmRoundTrips);
        Assert.Equal(ApplyStatus.Applied, report.Status);
        Assert.Equal("pve3", await NodeOf(110));
    }

    [Fact]
    public async Task CloneTheTemplate_AppliesAndTheCloneExists()
    {
        var (result, report) = await PlanAndApplyAsync("clone the ubuntu template as test-vm",
            OllamaTurns.Calls(("clone_guest", """{"source":"ubuntu-24.04-template","name":"test-vm"}""")),
            OllamaTurns.Text("A full clone of the Ubuntu template named test-vm is queued."));

        Assert.Equal(["clone_guest"], Tools(result));
        Assert.Equal(ApplyStatus.Applied, report.Status);
        Assert.Contains(await _agent.Lab.GuestsAsync(), g => g.Name == "test-vm");
    }

    [Fact]
    public async Task TheIssuesExample_SnapshotEveryVmOnBrianThenMigrate105_ReadsThenQueuesInOrder_InThreeRoundTrips()
    {
        var (result, report) = await PlanAndApplyAsync("snapshot every VM on brian, then migrate vm 105 to pve3",
            OllamaTurns.Calls(("list_guests", """{"node":"brian"}""")),
            OllamaTurns.Calls(
                ("create_snapshot", """{"guest":"105","name":"pre-move"}"""),
                ("create_snapshot", """{"guest":"110","name":"pre-move"}"""),
                ("create_snapshot", """{"guest":"201","name":"pre-move"}"""),
                ("migrate_guest", """{"guest":"105","target":"pve3"}""")),
            OllamaTurns.Text("Snapshots of VMs 105, 110 and 201, then 105 moves to pve3."));

        Assert.Equal(["create_snapshot", "create_snapshot", "create_snapshot", "migrate_guest"], Tools(result));
        Assert.Equal(3, result.LlmRoundTrips);
        Assert.Single(result.Data);
        Assert.Equal(ApplyStatus.Applied, report.Status);
        Assert.Contains("pre-move", await _agent.Lab.SnapshotNamesAsync(201));
        Assert.Equal("pve3", await NodeOf(105));
        Assert.Equal("running", await StatusOf(105));
    }

    [Fact]
    public async Task FreeTheGpus_ReadsTheHolderThenShutsItDown()
    {
        var (result, report) = await PlanAndApplyAsync("free up the GPUs on brian",
            OllamaTurns.Calls(("get_guest", """{"guest":"vllm-brian"}""")),
            OllamaTurns.Calls(("shutdown_guest", """{"guest":"201"}""")),
            OllamaTurns.Text("vllm-brian holds the three 3090s; shutting it down frees them (this stops the vllm service)."));

        Assert.Equal(["shutdown_guest"], Tools(result));
        Assert.Equal(ApplyStatus.Applied, report.Status);
        Assert.Equal("stopped", await StatusOf(201));
    }

    [Fact]
    public async Task TwoActionsInOneTurn_StartThenSnapshot_AppliesBoth()
    {
        var (result, report) = await PlanAndApplyAsync("start dev-sandbox and take a snapshot of it named clean",
            OllamaTurns.Calls(("start_guest", """{"guest":"dev-sandbox"}"""), ("create_snapshot", """{"guest":"dev-sandbox","name":"clean"}""")),
            OllamaTurns.Text("dev-sandbox starts, then gets a snapshot named clean."));

        Assert.Equal(["start_guest", "create_snapshot"], Tools(result));
        Assert.Equal([1], result.Plan!.Steps[1].DependsOn);
        Assert.Equal(ApplyStatus.Applied, report.Status);
        Assert.Equal("running", await StatusOf(110));
        Assert.Contains("clean", await _agent.Lab.SnapshotNamesAsync(110));
    }

    [Fact]
    public async Task HardStop_IsPlannedAsDisruptiveAndApplied()
    {
        var (result, report) = await PlanAndApplyAsync("stop vllm-edge-tt now",
            OllamaTurns.Calls(("stop_guest", """{"guest":"402"}""")),
            OllamaTurns.Text("VM 402 will be stopped hard."));

        Assert.Equal(PolicyDecision.NeedsApproval, Assert.Single((await _agent.Lab.WithVerdictsAsync(result.Plan!)).Steps).Verdict.Decision);
        Assert.Equal(ApplyStatus.Applied, report.Status);
        Assert.Equal("stopped", await StatusOf(402));
    }

    [Fact]
    public async Task SnapshotThenDeleteIt_TwoPlansApplied_TheSnapshotIsGone()
    {
        var (_, created) = await PlanAndApplyAsync("snapshot 110 as pre-test",
            OllamaTurns.Calls(("create_snapshot", """{"guest":"110","name":"pre-test"}""")),
            OllamaTurns.Text("Snapshot pre-test of VM 110 queued."));
        Assert.Equal(ApplyStatus.Applied, created.Status);

        var (result, deleted) = await PlanAndApplyAsync("delete snapshot pre-test of 110",
            OllamaTurns.Calls(("delete_snapshot", """{"guest":"110","name":"pre-test"}""")),
            OllamaTurns.Text("Snapshot pre-test of VM 110 will be deleted."));

        Assert.Equal(ToolEffect.Destructive, Assert.Single(result.Plan!.Steps).Effect);
        Assert.Equal(ApplyStatus.Applied, deleted.Status);
        Assert.DoesNotContain("pre-test", await _agent.Lab.SnapshotNamesAsync(110));
    }

    [Fact]
    public async Task GuestIdSentAsANumber_IsCoercedToTheStringTheSchemaWants_AndApplied()
    {
        var (result, report) = await PlanAndApplyAsync("start 110",
            OllamaTurns.Calls(("start_guest", """{"guest":110}""")),
            OllamaTurns.Text("VM 110 starts."));

        Assert.Equal("110", result.Plan!.Steps[0].Arguments.GetProperty("guest").GetString());
        Assert.Equal(ApplyStatus.Applied, report.Status);
        Assert.Equal("running", await StatusOf(110));
    }

    [Fact]
    public async Task EveryPlan_RecordsTheModelAndThePromptVersion()
    {
        var result = await _agent.PlanAsync("start dev-sandbox",
            OllamaTurns.Calls(("start_guest", """{"guest":"dev-sandbox"}""")),
            OllamaTurns.Text("ok"));

        Assert.Equal("llm:qwen2.5:7b", result.Plan!.Planner);
        Assert.Equal("llm:qwen2.5:7b", result.Planner);
        Assert.Equal("planner@1.0", result.Plan.PromptVersion);
        Assert.Equal("start dev-sandbox", result.Plan.Intent);
    }

    [Fact]
    public async Task Question_ReadsAndAnswers_NothingIsQueued()
    {
        var result = await _agent.PlanAsync("what is running on brian?",
            OllamaTurns.Calls(("list_guests", """{"node":"brian","status":"running"}""")),
            OllamaTurns.Text("On brian: vllm-brian (VM 201) and ollama-brian (CT 202)."));

        Assert.Equal(PlanningOutcome.Answer, result.Outcome);
        Assert.Null(result.Plan);
        Assert.Equal("On brian: vllm-brian (VM 201) and ollama-brian (CT 202).", result.Text);
        Assert.Contains("\"vllm-brian\"", Assert.Single(result.Data).GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusedWrite_TheModelExplains_OutcomeIsRefusedWithTheToolsReason()
    {
        // homeassistant passes a USB stick through (usb0: host=…), so it cannot leave pve3.
        var result = await _agent.PlanAsync("move homeassistant to brian",
            OllamaTurns.Calls(("migrate_guest", """{"guest":"homeassistant","target":"brian"}""")),
            OllamaTurns.Text("homeassistant cannot move: it uses a USB device of pve3."));

        Assert.Equal(PlanningOutcome.Refused, result.Outcome);
        Assert.Null(result.Plan);
        Assert.Contains("usb0", Assert.Single(result.Problems), StringComparison.Ordinal);
        Assert.Contains("\"error\"", _agent.ToolResults(1).Single(), StringComparison.Ordinal);
    }

    private async Task<(PlanningResult Result, ApplyReport Report)> PlanAndApplyAsync(string intent, params string[] replies)
    {
        var result = await _agent.PlanAsync(intent, replies);
        Assert.True(result.Outcome == PlanningOutcome.Plan, $"{result.Outcome}: {result.Text} {string.Join(" ", result.Problems)}");
        var plan = await _agent.Lab.WithVerdictsAsync(result.Plan!);
        Assert.All(plan.Steps, s => Assert.True(s.Verdict.Decision != PolicyDecision.Deny, string.Join(" ", s.Verdict.Reasons)));
        var report = await _agent.Lab.ApplyAsync(plan);
        Assert.True(report.Status == ApplyStatus.Applied, $"{report.Status}: {report.Summary} {string.Join(" ", report.Reasons)}");
        return (result, report);
    }

    private static IReadOnlyList<string> Tools(PlanningResult result) => [.. result.Plan!.Steps.Select(s => s.Tool)];

    private async Task<string?> StatusOf(int vmId) => (await _agent.Lab.GuestsAsync()).Single(g => g.VmId == vmId).Status;

    private async Task<string?> NodeOf(int vmId) => (await _agent.Lab.GuestsAsync()).Single(g => g.VmId == vmId).Node;
}
