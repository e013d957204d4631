using System.Diagnostics;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol;
using PveAgent.Core.Plans;
using PveAgent.Core.State;
using PveAgent.Guardrails.Audit;

namespace PveAgent.Mcp.Tests.Plans;

public sealed class McpPlanFlowTests
{
    [Fact]
    public async Task WriteTool_PersonApprovesInTheForm_ThePlanIsAppliedAndTheApprovalAudited()
    {
        await using var mcp = await McpHarness.StartAsync(Some.ApproveWrites, answer: _ => Some.Choose("approve"));

        var result = await mcp.CallWhileTimePassesAsync("start_guest", Some.StartDevSandbox);

        Assert.NotEqual(true, result.IsError);
        Assert.Equal("applied", Some.Json(result).GetProperty("status").GetString());
        Assert.Equal("running", (await mcp.Api.GetGuestStatusAsync("brian", GuestType.Qemu, 110)).Status);
        var plan = Assert.Single(await mcp.Store.ListAsync());
        Assert.Equal(PlanStatus.Applied, plan.Status);
        var approval = Assert.Single(await mcp.Audit.ReadAsync(planId: plan.Id), r => r.Kind == AuditKind.Approval);
        Assert.Equal(("mcp-elicitation", "approved"), (approval.Actor, approval.Decision));
    }

    [Fact]
    public async Task WriteTool_ClientOnTheDiscoverRevision_IsAskedTheSameWay()
    {
        // No initialize at all on 2026-07-28: the SDK serves the session from its first message, capabilities per request.
        await using var mcp = await McpHarness.StartAsync(Some.ApproveWrites, answer: _ => Some.Choose("approve"), protocolVersion: null);

        var result = await mcp.CallWhileTimePassesAsync("start_guest", Some.StartDevSandbox);

        Assert.Equal("2026-07-28", mcp.Client.NegotiatedProtocolVersion);
        Assert.Single(mcp.Elicitations);
        Assert.Equal("applied", Some.Json(result).GetProperty("status").GetString());
    }

    [Fact]
    public async Task WriteTool_TheFormShowsThePlanItsVerdictsAndAChoice()
    {
        await using var mcp = await McpHarness.StartAsync(Some.ApproveWrites, answer: _ => Some.Choose("reject"));

        await mcp.Client.CallToolAsync("start_guest", Some.StartDevSandbox);

        var asked = Assert.Single(mcp.Elicitations);
        var plan = Assert.Single(await mcp.Store.ListAsync());
        Assert.Contains($"Plan {plan.Id}: 1 step (write at most): 1) start VM 110 (dev-sandbox) on brian", asked.Message, StringComparison.Ordinal);
        Assert.Contains("Step 1 (write): needs approval", asked.Message, StringComparison.Ordinal);
        var decision = Assert.IsType<ModelContextProtocol.Protocol.ElicitRequestParams.TitledSingleSelectEnumSchema>(asked.RequestedSchema!.Properties["decision"]);
        Assert.Equal(["approve", "reject"], decision.OneOf.Select(o => o.Const));
        Assert.Equal(["decision"], asked.RequestedSchema.Required!);
    }

    [Theory]
    [InlineData("accept", "reject")]
    [InlineData("decline", null)]
    [InlineData("cancel", null)]
    public async Task WriteTool_PersonDoesNotApprove_NothingRunsAndTheRefusalIsAudited(string action, string? decision)
    {
        await using var mcp = await McpHarness.StartAsync(Some.ApproveWrites, answer: _ => decision is null ? new() { Action = action } : Some.Choose(decision));

        var result = await mcp.Client.CallToolAsync("start_guest", Some.StartDevSandbox);

        Assert.Equal("rejected", Some.Json(result).GetProperty("status").GetString());
        Assert.Equal("stopped", (await mcp.Api.GetGuestStatusAsync("brian", GuestType.Qemu, 110)).Status);
        var plan = Assert.Single(await mcp.Store.ListAsync());
        Assert.Equal(PlanStatus.Pending, plan.Status);
        var approval = Assert.Single(await mcp.Audit.ReadAsync(planId: plan.Id), r => r.Kind == AuditKind.Approval);
        Assert.Equal("declined", approval.Decision);
    }

    [Fact]
    public async Task WriteTool_ClientWithoutElicitation_SavesThePlanAndSaysHowAPersonApprovesIt()
    {
        await using var mcp = await McpHarness.StartAsync(Some.ApproveWrites);

        var result = Some.Json(await mcp.Client.CallToolAsync("start_guest", Some.StartDevSandbox));

        var plan = Assert.Single(await mcp.Store.ListAsync());
        Assert.Equal(PlanStatus.Pending, plan.Status);
        Assert.Equal(plan.Id, result.GetProperty("plan").GetString());
        Assert.Equal("waiting for approval", result.GetProperty("status").GetString());
        Assert.Contains($"`pve-agent apply {plan.Id}` in a terminal. You cannot approve it.", result.GetProperty("approval").GetString(), StringComparison.Ordinal);
        Assert.Equal("stopped", (await mcp.Api.GetGuestStatusAsync("brian", GuestType.Qemu, 110)).Status);
    }

    [Fact]
    public async Task WriteTool_SecondWriteWhileAPlanWaits_JoinsThatPlan()
    {
        await using var mcp = await McpHarness.StartAsync(Some.ApproveWrites);

        var first = Some.Json(await mcp.Client.CallToolAsync("start_guest", Some.StartDevSandbox));
        var second = Some.Json(await mcp.Client.CallToolAsync("create_snapshot", new Dictionary<string, object?> { ["guest"] = "110", ["name"] = "before-update" }));

        Assert.Equal(first.GetProperty("plan").GetString(), second.GetProperty("plan").GetString());
        Assert.Equal(["start_guest", "create_snapshot"], second.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("tool").GetString()));
        var stored = Assert.Single(await mcp.Store.ListAsync());
        Assert.Equal(2, (await mcp.Store.GetAsync(stored.Id))!.Plan.Steps.Count);
    }

    [Fact]
    public async Task PlanApply_WithoutElicitation_NeverAppliesAPlanThatNeedsApproval()
    {
        await using var mcp = await McpHarness.StartAsync(Some.ApproveWrites);
        var id = Some.Json(await mcp.Client.CallToolAsync("start_guest", Some.StartDevSandbox)).GetProperty("plan").GetString()!;

        var result = Some.Json(await mcp.Client.CallToolAsync("plan_apply", new Dictionary<string, object?> { ["id"] = id }));

        Assert.Equal("waiting for approval", result.GetProperty("status").GetString());
        Assert.Equal(PlanStatus.Pending, (await mcp.Store.GetAsync(id))!.Status);
        Assert.Equal("stopped", (await mcp.Api.GetGuestStatusAsync("brian", GuestType.Qemu, 110)).Status);
    }

    [Fact]
    public async Task WriteTool_DeniedByTheGuardrails_IsAToolErrorWithTheReasonAndNobodyIsAsked()
    {
        await using var mcp = await McpHarness.StartAsync("guardrails:\n  mode: approve-writes\n  limits:\n    max_migrations_per_hour: 0\n", answer: _ => Some.Choose("approve"));

        var result = await mcp.CallWhileTimePassesAsync("migrate_guest", Some.MigrateDevSandbox);

        Assert.True(result.IsError);
        var json = Some.Json(result);
        Assert.True(json.TryGetProperty("status", out _), json.GetRawText());
        Assert.Equal("denied", json.GetProperty("status").GetString());
        var step = Assert.Single(json.GetProperty("steps").EnumerateArray().ToList());
        Assert.Equal("denied", step.GetProperty("decision").GetString());
        Assert.Contains("migrations are switched off", step.GetProperty("reasons")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(mcp.Elicitations);
        Assert.Equal(PlanStatus.Refused, Assert.Single(await mcp.Store.ListAsync()).Status);
        Assert.Equal("brian", (await mcp.Api.GetClusterResourcesAsync(Core.Proxmox.ClusterResourceType.Vm)).Single(g => g.VmId == 110).Node);
    }

    [Fact]
    public async Task WriteTool_InvalidRequest_IsTheToolsOwnErrorAndNoPlanIsMade()
    {
        await using var mcp = await McpHarness.StartAsync(Some.ApproveWrites, answer: _ => Some.Choose("approve"));

        var result = await mcp.Client.CallToolAsync("migrate_guest", new Dictionary<string, object?> { ["guest"] = "dev-sandbox", ["target"] = "pve9" });

        Assert.True(result.IsError);
        Assert.Contains("Step 1 (migrate_guest)", Some.Json(result).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Empty(await mcp.Store.ListAsync());
        Assert.Empty(mcp.Elicitations);
    }

    [Fact]
    public async Task WriteTool_AllowedByThePolicy_RunsWithoutAskingAndReportsProgress()
    {
        await using var mcp = await McpHarness.StartAsync(Some.Autonomous, answer: _ => Some.Choose("reject"));
        var progress = new Recorded();

        var result = await mcp.CallWhileTimePassesAsync("migrate_guest", Some.MigrateDevSandbox, progress);

        Assert.False(result.IsError == true, Some.Text(result));
        Assert.Empty(mcp.Elicitations);
        Assert.Equal("pve3", (await mcp.Api.GetClusterResourcesAsync(Core.Proxmox.ClusterResourceType.Vm)).Single(g => g.VmId == 110).Node);

        // The client hands notifications to the progress callback on its own schedule.
        await progress.SawStep.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.All(progress.Values, v => Assert.Equal(1, v.Total));
        Assert.All(progress.Values, v => Assert.InRange(v.Progress, 0, 1));
        Assert.Contains(progress.Values, v => v.Message?.StartsWith("step 1: ", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task WriteTool_CancelledWhileTheMigrationRuns_StopsAndLeavesThePlanToResume()
    {
        await using var mcp = await McpHarness.StartAsync(Some.Autonomous);

        // Sent by hand with a known id, so the cancellation can name it as a client's stop button does.
        var id = new RequestId("migrate-to-cancel");
        _ = mcp.Client.SendRequestAsync(new JsonRpcRequest
        {
            Id = id,
            Method = RequestMethods.ToolsCall,
            Params = JsonSerializer.SerializeToNode(
                new CallToolRequestParams { Name = "migrate_guest", Arguments = Some.MigrateDevSandbox.ToDictionary(a => a.Key, a => JsonSerializer.SerializeToElement(a.Value)) },
                McpJsonUtilities.DefaultOptions),
        });

        // The clock stands still, so the migration runs until the request is cancelled; wait until it was sent.
        var waited = Stopwatch.StartNew();
        while (!(await mcp.Api.GetClusterTasksAsync()).Any(t => t.Type == "qmigrate"))
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), "the migration was never sent");
            await Task.Yield();
        }

        await mcp.Client.SendNotificationAsync(NotificationMethods.CancelledNotification, new CancelledNotificationParams { RequestId = id, Reason = "stop pressed" }, McpJsonUtilities.DefaultOptions);

        // Write calls of a connection run one at a time, so this one is answered only once the cancelled apply has
        // stopped; had it ignored the cancellation, the clock this call moves would have let it finish the migration.
        await mcp.CallWhileTimePassesAsync("start_guest", new Dictionary<string, object?> { ["guest"] = "no-such-guest" });
        var plan = Assert.Single(await mcp.Store.ListAsync());
        Assert.Equal(PlanStatus.Applying, plan.Status);
    }

    [Fact]
    public async Task PlanPropose_ChecksTheStepsAndSavesAPlanWithoutRunningIt()
    {
        await using var mcp = await McpHarness.StartAsync(Some.ApproveWrites, answer: _ => Some.Choose("approve"));
        var tasksBefore = (await mcp.Api.GetClusterTasksAsync()).Count;

        var result = Some.Json(await mcp.Client.CallToolAsync("plan_propose", new Dictionary<string, object?>
        {
            ["intent"] = "get the sandbox ready",
            ["steps"] = new object[]
            {
                new Dictionary<string, object?> { ["tool"] = "create_snapshot", ["arguments"] = new Dictionary<string, object?> { ["guest"] = "110", ["name"] = "clean" } },
                new Dictionary<string, object?> { ["tool"] = "start_guest", ["arguments"] = new Dictionary<string, object?> { ["guest"] = "110" }, ["rationale"] = "the person wants to use it" },
            },
        }));

        Assert.Equal("proposed", result.GetProperty("status").GetString());
        Assert.Equal(["needs approval", "needs approval"], result.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("decision").GetString()));
        var stored = (await mcp.Store.GetAsync(result.GetProperty("plan").GetString()!))!;
        Assert.Equal(("get the sandbox ready", "mcp", "the person wants to use it"), (stored.Plan.Intent, stored.Plan.Planner, stored.Plan.Steps[1].Rationale));
        Assert.Empty(mcp.Elicitations);
        Assert.Equal(tasksBefore, (await mcp.Api.GetClusterTasksAsync()).Count);
    }

    [Fact]
    public async Task PlanPropose_ReadToolAsAStep_IsRefused()
    {
        await using var mcp = await McpHarness.StartAsync(Some.ApproveWrites);

        var result = await mcp.Client.CallToolAsync("plan_propose", new Dictionary<string, object?>
        {
            ["intent"] = "look",
            ["steps"] = new object[] { new Dictionary<string, object?> { ["tool"] = "cluster_status" } },
        });

        Assert.True(result.IsError);
        Assert.Contains("only reads", Some.Json(result).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanApply_PersonApproves_AppliesTheProposedPlan()
    {
        await using var mcp = await McpHarness.StartAsync(Some.ApproveWrites, answer: _ => Some.Choose("approve"));
        var proposed = Some.Json(await mcp.Client.CallToolAsync("plan_propose", new Dictionary<string, object?>
        {
            ["intent"] = "start the sandbox",
            ["steps"] = new object[] { new Dictionary<string, object?> { ["tool"] = "start_guest", ["arguments"] = new Dictionary<string, object?> { ["guest"] = "110" } } },
        }));
        var id = proposed.GetProperty("plan").GetString()!;

        var result = await mcp.CallWhileTimePassesAsync("plan_apply", new Dictionary<string, object?> { ["id"] = id[..5] });

        Assert.NotEqual(true, result.IsError);
        Assert.Single(mcp.Elicitations);
        Assert.Equal(PlanStatus.Applied, (await mcp.Store.GetAsync(id))!.Status);
        Assert.Equal("running", (await mcp.Api.GetGuestStatusAsync("brian", GuestType.Qemu, 110)).Status);
    }

    [Fact]
    public async Task PlanApply_UnknownId_IsAToolErrorNamingTheFix()
    {
        await using var mcp = await McpHarness.StartAsync(Some.ApproveWrites);

        var result = await mcp.Client.CallToolAsync("plan_apply", new Dictionary<string, object?> { ["id"] = "p-abcdef" });

        Assert.True(result.IsError);
        Assert.Contains("No plan p-abcdef exists", Some.Json(result).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanListAndShow_ShowTheSavedPlans()
    {
        await using var mcp = await McpHarness.StartAsync(Some.ApproveWrites);
        var id = Some.Json(await mcp.Client.CallToolAsync("start_guest", Some.StartDevSandbox)).GetProperty("plan").GetString()!;

        var list = Some.Json(await mcp.Client.CallToolAsync("plan_list"));
        var show = Some.Json(await mcp.Client.CallToolAsync("plan_show", new Dictionary<string, object?> { ["id"] = id }));

        var row = Assert.Single(list.GetProperty("plans").EnumerateArray().ToList());
        Assert.Equal((id, "pending"), (row.GetProperty("id").GetString(), row.GetProperty("status").GetString()));
        Assert.Equal(id, show.GetProperty("id").GetString());
        Assert.Equal("pending", show.GetProperty("status").GetString());
        Assert.Equal("start_guest", show.GetProperty("steps")[0].GetProperty("tool").GetString());
    }

    private sealed class Recorded(Action<ProgressNotificationValue>? onReport = null) : IProgress<ProgressNotificationValue>
    {
        private readonly Lock _gate = new();
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes when a notification reports the running step's own progress.</summary>
        public Task SawStep => _done.Task;
        private readonly List<ProgressNotificationValue> _values = [];

        public IReadOnlyList<ProgressNotificationValue> Values
        {
            get
            {
                lock (_gate)
                {
                    return [.. _values];
                }
            }
        }

        public void Report(ProgressNotificationValue value)
        {
            lock (_gate)
            {
                _values.Add(value);
            }

            onReport?.Invoke(value);
            if (value.Message?.StartsWith("step 1: ", StringComparison.Ordinal) == true)
            {
                _done.TrySetResult();
            }
        }
    }
}
