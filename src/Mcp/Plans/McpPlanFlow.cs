using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using PveAgent.Core.Plans;
using PveAgent.Guardrails;
using PveAgent.Guardrails.Audit;
using PveAgent.Plugins.Planning;

namespace PveAgent.Mcp.Plans;

/// <summary>
/// Where a write becomes a plan and a plan is applied, under the guardrails: every write-tool call and
/// <c>plan_propose</c> goes through a <see cref="PlanningSession"/> (write tools never act), the plan gets the
/// <see cref="PolicyEngine"/>'s verdicts and is saved and audited; a denied plan is refused, an allowed one applied, and one
/// that needs approval is put to the person through elicitation — or, when the client cannot ask, left saved with the
/// command a person runs to approve it. Nothing here lets the model approve.
/// </summary>
/// <remarks>
/// Write calls of one connection accumulate in its pending plan while it waits for a person at a terminal: the next write
/// call re-plans the pending calls plus the new one under the same plan id (the store replaces a plan that has not run),
/// so a person approves one plan, never two overlapping ones.
/// </remarks>
internal sealed class McpPlanFlow : IDisposable
{
    private readonly McpWorld _world;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private List<PlannedCall> _pending = [];
    private string? _pendingId;

    public McpPlanFlow(McpWorld world) => _world = world;

    /// <summary>A write-tool call: plan it (joining the pending plan), check it, then apply, ask or wait.</summary>
    public async Task<CallToolResult> WriteAsync(RequestContext<CallToolRequestParams> request, string tool, JsonElement arguments, CancellationToken cancellationToken)
    {
        var services = await _world.GetServicesAsync(cancellationToken);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_pendingId is not null && await services.Store.GetStatusAsync(_pendingId, cancellationToken) is not (PlanStatus.Pending or PlanStatus.Refused or PlanStatus.Stale))
            {
                // Applied (or being applied) from a terminal meanwhile: later writes start a new plan.
                ClearPending();
            }

            List<PlannedCall> calls = [.. _pending, new PlannedCall(tool, arguments, null)];
            var made = await MakePlanAsync(services, calls, IntentOf(calls), _pendingId, cancellationToken);
            if (made.Plan is not { } plan)
            {
                if (made.FailedStep < calls.Count - 1)
                {
                    var dropped = _pendingId;
                    ClearPending();
                    return McpResults.Error($"{made.Problem} The pending plan {dropped} no longer holds as it was and was dropped; call the write tools again for what is still wanted.");
                }

                return McpResults.Error(made.Problem!, made.DidYouMean);
            }

            if (!plan.CanApply)
            {
                // The denied call does not join the pending plan; the refusal is saved and audited under its own id.
                var refused = plan with { Id = await services.Store.NewPlanIdAsync(cancellationToken) };
                await SaveAsync(services, refused, cancellationToken);
                await services.Store.TryTransitionAsync(refused.Id, [PlanStatus.Pending], PlanStatus.Refused, cancellationToken);
                return McpResults.Json(PlanViews.Of(refused, "denied", next: Denied(refused)), isError: true);
            }

            await SaveAsync(services, plan, cancellationToken);
            return await DecideAsync(services, request, plan, calls, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary><c>plan_propose</c>: plan and check the given write-tool calls and save the plan; nothing runs.</summary>
    public async Task<CallToolResult> ProposeAsync(string intent, IReadOnlyList<PlannedCall> calls, CancellationToken cancellationToken)
    {
        var services = await _world.GetServicesAsync(cancellationToken);
        var made = await MakePlanAsync(services, calls, intent, null, cancellationToken);
        if (made.Plan is not { } plan)
        {
            return McpResults.Error(made.Problem!, made.DidYouMean);
        }

        await SaveAsync(services, plan, cancellationToken);
        if (!plan.CanApply)
        {
            return McpResults.Json(PlanViews.Of(plan, "denied", next: Denied(plan)), isError: true);
        }

        var check = services.Approval.Check(plan);
        return McpResults.Json(PlanViews.Of(
            plan,
            "proposed",
            approval: check.Needed ? ApprovalNeeded(plan) : "none needed: the guardrails allow every step",
            next: $"Nothing has run. plan_apply with id {plan.Id} carries it out{(check.Needed ? " once the person approves" : "")}."));
    }

    /// <summary><c>plan_apply</c>: re-check a saved plan against the cluster now, then apply, ask or explain.</summary>
    public async Task<CallToolResult> ApplyAsync(RequestContext<CallToolRequestParams> request, string id, CancellationToken cancellationToken)
    {
        var services = await _world.GetServicesAsync(cancellationToken);
        var lookup = await services.Store.FindAsync(id, cancellationToken);
        if (lookup.Found is not { } stored)
        {
            return McpResults.Error(lookup.Problem ?? $"No plan {id}.");
        }

        if (stored.Status is not (PlanStatus.Pending or PlanStatus.Refused or PlanStatus.Stale))
        {
            // Finished or being applied: the applier reports it (and never runs a finished plan again).
            return await RunAsync(services, request, stored.Plan, approved: false, cancellationToken);
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var snapshot = await services.Cluster.Snapshots.ReadAsync(cancellationToken);
            var now = services.Clock.GetUtcNow();
            var plan = services.Engine.WithVerdicts(stored.Plan, snapshot, await PolicyHistory.LoadAsync(services.Store, now, cancellationToken), now);
            await services.Store.SaveAsync(plan, cancellationToken);
            services.Audit.Verdicts(plan);
            if (!plan.CanApply)
            {
                return McpResults.Json(PlanViews.Of(plan, "denied", next: Denied(plan)), isError: true);
            }

            return await DecideAsync(services, request, plan, pendingCalls: null, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<CallToolResult> DecideAsync(McpServices services, RequestContext<CallToolRequestParams> request, Plan plan, List<PlannedCall>? pendingCalls, CancellationToken cancellationToken)
    {
        var check = services.Approval.Check(plan);
        if (!check.Needed)
        {
            ClearPendingIf(plan.Id);
            return await RunAsync(services, request, plan, approved: false, cancellationToken);
        }

        if (PlanApprovalPrompt.CanAsk(request.Server))
        {
            var granted = await PlanApprovalPrompt.AskAsync(request.Server, plan, check, cancellationToken);
            services.Audit.Approval(plan, Approver.McpElicitation, granted);
            ClearPendingIf(plan.Id);
            return granted
                ? await RunAsync(services, request, plan, approved: true, cancellationToken)
                : McpResults.Json(PlanViews.Of(plan, "rejected", next: $"The person rejected plan {plan.Id}; nothing was changed. Ask them what they want instead."));
        }

        if (pendingCalls is not null)
        {
            _pending = pendingCalls;
            _pendingId = plan.Id;
        }

        return McpResults.Json(PlanViews.Of(
            plan,
            "waiting for approval",
            approval: ApprovalNeeded(plan),
            next: pendingCalls is null
                ? "Nothing has changed yet."
                : "Nothing has changed yet. Further write calls in this conversation join this plan (same id) until it is approved."));
    }

    private static async Task<CallToolResult> RunAsync(McpServices services, RequestContext<CallToolRequestParams> request, Plan plan, bool approved, CancellationToken cancellationToken)
    {
        var notifier = request.Params?.ProgressToken is { } token ? new McpApplyProgress(request.Server, token, plan.Steps.Count, services.Cluster.Redactor) : null;
        ApplyReport report;
        try
        {
            report = await services.Applier.ApplyAsync(plan, new ApplyOptions { Approved = approved }, new AuditingProgress(services.Audit, notifier), cancellationToken);
        }
        finally
        {
            if (notifier is not null)
            {
                await notifier.CompleteAsync();
            }
        }

        using var document = JsonDocument.Parse(PlanJson.SerializeReport(report));
        return McpResults.Text(services.Cluster.Redactor.Redact(Compact(document.RootElement)), isError: report.Status != ApplyStatus.Applied);
    }

    private static string Compact(JsonElement element)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            element.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static async Task<MadePlan> MakePlanAsync(McpServices services, IReadOnlyList<PlannedCall> calls, string intent, string? id, CancellationToken cancellationToken)
    {
        if (calls.Count == 0)
        {
            return new MadePlan(null, "A plan needs at least one step: give steps as [{\"tool\": \"migrate_guest\", \"arguments\": {…}}].", 0);
        }

        var context = services.Cluster.NewToolContext();
        var session = new PlanningSession(services.Catalog, context);
        for (var i = 0; i < calls.Count; i++)
        {
            var call = calls[i];
            var step = $"Step {i + 1} ({call.Tool})";
            if (services.Catalog.Find(call.Tool) is { IsReadOnly: true })
            {
                return new MadePlan(null, $"{step} only reads: call it directly; plan steps are calls of tools that change the cluster.", i);
            }

            if (services.Catalog.Find(call.Tool) is not null && services.Policy.WhyHidden(call.Tool) is { } hidden)
            {
                return new MadePlan(null, $"{step}: {hidden}.", i);
            }

            var invocation = await session.InvokeAsync(call.Tool, call.Arguments, call.Rationale, cancellationToken);
            if (invocation.Kind == ToolInvocationKind.Error)
            {
                return new MadePlan(null, $"{step}: {invocation.Error?.Error}", i, invocation.Error?.DidYouMean);
            }
        }

        var plan = session.BuildPlan(intent, "mcp");
        var snapshot = await context.GetSnapshotAsync(false, cancellationToken);
        var now = services.Clock.GetUtcNow();
        var history = await PolicyHistory.LoadAsync(services.Store, now, cancellationToken);
        plan = services.Engine.WithVerdicts(plan, snapshot, history, now) with { Id = id ?? await services.Store.NewPlanIdAsync(cancellationToken) };
        return new MadePlan(plan, null, calls.Count);
    }

    private static async Task SaveAsync(McpServices services, Plan plan, CancellationToken cancellationToken)
    {
        await services.Store.SaveAsync(plan, cancellationToken);
        services.Audit.PlanCreated(plan);
        services.Audit.Verdicts(plan);
    }

    private string ApprovalNeeded(Plan plan)
    {
        var steps = plan.Steps.Where(s => s.Verdict.Decision == PolicyDecision.NeedsApproval).Select(s => s.Index).ToList();
        var which = steps.Count == 1 ? $"Step {steps[0]} needs" : $"Steps {string.Join(", ", steps)} need";
        return $"{which} a person's approval. This client cannot ask them, so the person runs `{_world.Setup.ApproveCommand(plan.Id)}` in a terminal. You cannot approve it.";
    }

    private static string Denied(Plan plan) =>
        $"Nothing was changed: the guardrails deny step{(plan.Steps.Count(s => s.Verdict.Decision == PolicyDecision.Deny) == 1 ? "" : "s")} " +
        $"{string.Join(", ", plan.Steps.Where(s => s.Verdict.Decision == PolicyDecision.Deny).Select(s => s.Index))} (reasons above), and no approval can change that.";

    private static string IntentOf(IEnumerable<PlannedCall> calls) =>
        "via MCP: " + string.Join("; ", calls.Select(c => $"{c.Tool} {(c.Arguments.ValueKind == JsonValueKind.Object ? c.Arguments.GetRawText() : "{}")}"));

    private void ClearPending()
    {
        _pending = [];
        _pendingId = null;
    }

    private void ClearPendingIf(string planId)
    {
        if (_pendingId == planId)
        {
            ClearPending();
        }
    }

    /// <summary>One write-tool call of a plan.</summary>
    internal sealed record PlannedCall(string Tool, JsonElement Arguments, string? Rationale);

    private sealed record MadePlan(Plan? Plan, string? Problem, int FailedStep, IReadOnlyList<string>? DidYouMean = null);
}
