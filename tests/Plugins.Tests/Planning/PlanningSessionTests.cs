using System.Text.Json;
using PveAgent.Core.Plans;
using PveAgent.Plugins.Planning;

namespace PveAgent.Plugins.Tests.Planning;

public sealed class PlanningSessionTests(LabFixture fixture) : IClassFixture<LabFixture>
{
    private readonly SimulatedLab _lab = fixture.Lab;

    [Fact]
    public async Task Invoke_UnknownTool_IsAnErrorSuggestingTheClosestNames()
    {
        var session = _lab.NewSession();

        var result = await session.InvokeAsync("migrate_vm", ToolArguments.None);

        Assert.Equal(ToolInvocationKind.Error, result.Kind);
        Assert.Equal("Unknown tool 'migrate_vm'.", result.Error!.Error);
        Assert.Equal("migrate_guest", result.Error.DidYouMean![0]);
        Assert.Empty(session.Steps);
    }

    [Fact]
    public async Task Invoke_MissingRequiredArgument_IsAnErrorListingTheArguments()
    {
        var error = await _lab.NewSession().RefusedAsync("migrate_guest", ("target", "pve3"));

        Assert.Equal("Invalid arguments for migrate_guest: missing required argument 'guest'. Arguments: guest (string, required), target (string).", error.Error);
    }

    [Fact]
    public async Task Invoke_WrongTypeAndUnknownName_AreBothReportedAndNothingRuns()
    {
        var session = _lab.NewSession();

        var result = await session.InvokeAsync("start_guest", JsonDocument.Parse("""{"guest": 110, "nod": "brian"}""").RootElement);

        Assert.Equal(ToolInvocationKind.Error, result.Kind);
        Assert.Contains("'guest' must be a string, got a number 110", result.Error!.Error, StringComparison.Ordinal);
        Assert.Contains("unknown argument 'nod'", result.Error.Error, StringComparison.Ordinal);
        Assert.Empty(session.Steps);
    }

    [Fact]
    public async Task Invoke_ArgumentsNotAnObject_IsAnError()
    {
        var result = await _lab.NewSession().InvokeAsync("cluster_status", JsonDocument.Parse("[1]").RootElement);

        Assert.Equal("Invalid arguments for cluster_status: arguments must be a JSON object, not an array. It takes no arguments.", result.Error!.Error);
    }

    [Fact]
    public async Task Invoke_NullForAnOptionalArgument_MeansLeftOut()
    {
        var result = await _lab.NewSession().InvokeAsync("list_guests", JsonDocument.Parse("""{"node": null, "status": "stopped"}""").RootElement);

        Assert.Equal(ToolInvocationKind.Result, result.Kind);
    }

    [Fact]
    public async Task Invoke_ReadTool_ReturnsItsJsonAndAddsNoStep()
    {
        var session = _lab.NewSession();

        var result = await session.CallAsync("list_guests", ("node", "pve3"));

        Assert.Equal(ToolInvocationKind.Result, result.Kind);
        Assert.Equal(3, result.Json.GetProperty("total").GetInt32());
        Assert.Empty(session.Steps);
    }

    [Fact]
    public async Task Invoke_WriteTool_QueuesAStepAndTellsTheCallerItRunsAfterApproval()
    {
        var session = _lab.NewSession();

        var result = await session.CallAsync("start_guest", ("guest", "dev-sandbox"));

        Assert.Equal(ToolInvocationKind.Queued, result.Kind);
        Assert.Equal("""{"queued_as_step":1,"summary":"start VM 110 (dev-sandbox) on brian","runs":"after approval"}""", result.Json.GetRawText());
        var step = Assert.Single(session.Steps);
        Assert.Equal((1, "start_guest", """{"guest":"dev-sandbox"}"""), (step.Index, step.Tool, step.Arguments.GetRawText()));
        Assert.Same(step, result.Step);
        Assert.Equal(PolicyVerdict.Pending, step.Verdict);
    }

    [Fact]
    public async Task Invoke_ErrorJson_CarriesTheMessageAndSuggestions()
    {
        var result = await _lab.NewSession().CallAsync("start_guest", ("guest", "jelyfin"));

        Assert.Equal("""{"error":"No guest is named 'jelyfin'. Use list_guests to see them.","did_you_mean":["jellyfin (VM 105 on brian)"]}""", result.Json.GetRawText());
    }

    [Fact]
    public async Task Invoke_StartThenStopTheSameStoppedVm_SecondStepValidatesAgainstTheProjection()
    {
        var session = _lab.NewSession();

        await session.ProposeAsync("start_guest", ("guest", "110"));
        var stop = await session.ProposeAsync("stop_guest", ("guest", "110"));

        var action = Assert.IsType<StopGuestAction>(stop.Action);
        Assert.Contains(new GuestStatusPrecondition(action.Guest, "running"), stop.Preconditions);
    }

    [Fact]
    public async Task Invoke_ShutdownThenStart_IsValid_AndAThirdStartIsRefusedAsAlreadyRunning()
    {
        var session = _lab.NewSession();

        await session.ProposeAsync("shutdown_guest", ("guest", "ollama-brian"));
        await session.ProposeAsync("start_guest", ("guest", "ollama-brian"));
        var error = await session.RefusedAsync("start_guest", ("guest", "202"));

        Assert.Equal("CT 202 (ollama-brian) is already running once the earlier steps ran; nothing to do.", error.Error);
        Assert.Equal(2, session.Steps.Count);
    }

    [Fact]
    public async Task Invoke_StepsDependOnThePreviousWriteStep_AndTakeThePlannersRationale()
    {
        var session = _lab.NewSession();

        await session.CallAsync("cluster_status");
        await session.ProposeAsync("create_snapshot", ("guest", "202"), ("name", "pre-move"));
        await session.CallAsync("list_guests");
        await session.InvokeAsync("migrate_guest", ToolArguments.Of(("guest", "202"), ("target", "pve3")), "make room on brian for training");

        Assert.Equal([[], [1]], session.Steps.Select(s => s.DependsOn.ToArray()));
        Assert.Equal("make room on brian for training", session.Steps[1].Rationale);
        Assert.Equal("snapshot CT 202 (ollama-brian) as 'pre-move'", session.Steps[0].Rationale);
    }

    [Fact]
    public async Task Session_ManyToolCalls_ReadTheClusterOnce()
    {
        var session = _lab.NewSession();
        var before = _lab.Snapshots.Reads;

        await session.CallAsync("cluster_status");
        await session.CallAsync("list_guests");
        await session.ProposeAsync("shutdown_guest", ("guest", "201"));
        await session.ProposeAsync("migrate_guest", ("guest", "202"));
        await session.CallAsync("gpu_status");

        Assert.Equal(before + 1, _lab.Snapshots.Reads);
    }

    [Fact]
    public async Task Context_AskedForFreshData_ReadsAgain()
    {
        var session = _lab.NewSession();
        var first = await session.Context.GetSnapshotAsync();

        var fresh = await session.Context.GetSnapshotAsync(fresh: true);

        Assert.NotSame(first, fresh);
        Assert.Same(fresh, await session.Context.GetSnapshotAsync());
    }

    [Fact]
    public void Session_ContextOfAnotherSession_IsRefused()
    {
        var context = _lab.NewContext();
        _ = new PlanningSession(ToolCatalog.Default, context);

        var error = Assert.Throws<InvalidOperationException>(() => new PlanningSession(ToolCatalog.Default, context));

        Assert.Contains("one context per session", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildPlan_KeepsOnlyFactsTrueWhenPlanningStarted_AndFingerprintsThem()
    {
        var session = _lab.NewSession();
        await session.ProposeAsync("shutdown_guest", ("guest", "ollama-brian"));
        await session.ProposeAsync("start_guest", ("guest", "ollama-brian"));
        session.AddNote("VM 201 stays on brian");

        var plan = session.BuildPlan("restart ollama", "rule-based");

        var ollama = ((ShutdownGuestAction)plan.Steps[0].Action).Guest;
        var initial = await session.Context.GetSnapshotAsync();
        Assert.Contains(new GuestStatusPrecondition(ollama, "running"), plan.Preconditions);
        Assert.Contains(new GuestOnNodePrecondition(ollama, "brian"), plan.Preconditions);
        Assert.DoesNotContain(new GuestStatusPrecondition(ollama, "stopped"), plan.Preconditions);
        Assert.Contains(new GuestStatusPrecondition(ollama, "stopped"), plan.Steps[1].Preconditions);
        Assert.All(plan.Preconditions, p => Assert.True(p.Check(initial).Holds, p.Describe()));
        Assert.Equal(PlanFingerprint.Compute(plan.Preconditions, initial), plan.Fingerprint);
        Assert.NotEqual(plan.Fingerprint, PlanFingerprint.Compute(plan.Preconditions, initial with { Guests = [.. initial.Guests.Select(g => g.VmId == 202 ? g with { Status = "stopped" } : g)] }));
        Assert.Equal(["VM 201 stays on brian"], plan.Notes);
        Assert.Equal(_lab.Clock.GetUtcNow(), plan.CreatedAt);
    }

    [Fact]
    public async Task BuildPlan_SummaryIdAndVerdicts_AreReadyForGuardrailsAndApproval()
    {
        var session = _lab.NewSession();
        await session.ProposeAsync("create_snapshot", ("guest", "201"), ("name", "pre"));
        await session.ProposeAsync("reboot_guest", ("guest", "201"));

        var plan = session.BuildPlan("reboot vllm safely");

        Assert.Matches("^p-[0-9a-f]{6}$", plan.Id);
        Assert.Equal("2 steps (disruptive at most): 1) snapshot VM 201 (vllm-brian) as 'pre'; 2) reboot VM 201 (vllm-brian) on brian.", plan.Summary);
        Assert.All(plan.Steps, s => Assert.Equal(PolicyVerdict.Pending, s.Verdict));
        Assert.Equal("rule-based", plan.Planner);
        Assert.True(plan.NeedsApproval);
    }

    [Fact]
    public void BuildPlan_NoSteps_IsAnEmptyPlanThatChangesNothing()
    {
        var plan = _lab.NewSession().BuildPlan("nothing");

        Assert.Empty(plan.Steps);
        Assert.Empty(plan.Preconditions);
        Assert.Equal("Nothing to change.", plan.Summary);
    }

    [Fact]
    public async Task Invoke_ProxmoxApiFails_BecomesAToolErrorWithPvesMessage()
    {
        var session = new PlanningSession(ToolCatalog.Default, new ToolContext(new FixedSnapshotSource(Some.Cluster()), UnreachableProxmoxApi.Create(), _lab.Config, _lab.Clock));

        var result = await session.CallAsync("get_guest", ("guest", "jellyfin"));

        Assert.Equal(ToolInvocationKind.Error, result.Kind);
        Assert.Equal("The Proxmox API refused or failed the read: GetGuestConfigAsync: node pve3 is unreachable (595 No route to host)", result.Error!.Error);
    }
}
