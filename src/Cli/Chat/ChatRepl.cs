using PveAgent.Cli.Commands;
using PveAgent.Cli.Composition;
using PveAgent.Cli.Rendering;
using PveAgent.Core.Plans;
using PveAgent.Guardrails;
using PveAgent.Kernel.Agent;
using PveAgent.Kernel.Planning;
using PveAgent.Plugins;
using Spectre.Console;

namespace PveAgent.Cli.Chat;

/// <summary>
/// The <c>pve-agent chat</c> loop: each line is either a command (<c>/status</c>, <c>/plan</c>, <c>/apply</c>,
/// <c>/undo</c>, <c>/model</c>, <c>/clear</c>, <c>/help</c>, <c>/quit</c>), an answer to the plan on the table
/// (<c>y</c> applies it, <c>n</c> rejects it), or a message to the planner — which may ask to change the plan on the
/// table ("change step 2 to pve3"). Plans go through the same guardrails, store, approval and journaled apply as
/// <c>plan</c>/<c>apply</c>; the conversation is kept with them in the plan store.
/// </summary>
/// <remarks>Reads lines from stdin, so it also runs from a script or a pipe (lines are echoed after the prompt then).</remarks>
internal sealed class ChatRepl
{
    private const string Help = """
        /status        the cluster now
        /plan          the plan on the table, with the guardrails' verdicts
        /apply         apply it (same as answering y)
        /undo          plan the undo of the last applied plan (its compensations), for approval
        /model [name]  the LLM in use; with a name, plan with that model; also tries an unreachable LLM again
        /clear         forget the conversation
        /help, /quit
        """;

    private readonly CliEnvironment _environment;
    private readonly PlanningServices _planning;
    private readonly LlmPlanning _llm;
    private readonly IAnsiConsole _console;
    private readonly PlanWorkflow _workflow;
    private readonly AgentConversation _conversation;
    private readonly string _conversationId;
    private ToolContext? _lastContext;
    private Plan? _pending;
    private Plan? _lastApplied;

    public ChatRepl(CliEnvironment environment, PlanningServices planning, LlmPlanning llm, IAnsiConsole console)
    {
        _environment = environment;
        _planning = planning;
        _llm = llm;
        _console = console;
        _workflow = new PlanWorkflow(environment, planning, console, json: false);
        _conversation = new AgentConversation(llm.Planner, () => _lastContext = planning.NewToolContext());
        _conversationId = $"chat-{environment.Clock.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
    }

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var cluster = _planning.Session.Config.Cluster;
        _console.MarkupLine($"[bold]PveAgent chat[/] — cluster {Markup.Escape(cluster.Name)}{(cluster.Simulate ? " (simulated)" : "")}. Planner: {Markup.Escape(_llm.Settings.ToString())}.");
        _console.MarkupLine("[grey]Say what you want, e.g. \"snapshot every VM on brian, then migrate vm 105 to pve3\". Nothing changes until you approve a plan. /help lists the commands.[/]");
        while (true)
        {
            if (_environment.IsInteractive)
            {
                _console.Markup("[bold green]you>[/] ");
            }

            var line = await _environment.In.ReadLineAsync(cancellationToken);
            if (line is null)
            {
                break;
            }

            line = line.Trim();
            if (!_environment.IsInteractive && line.Length > 0)
            {
                _console.MarkupLine($"[bold green]you>[/] {Markup.Escape(line)}");
            }

            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('/'))
            {
                if (!await CommandAsync(line, cancellationToken))
                {
                    break;
                }

                continue;
            }

            if (_pending is not null && IsYes(line))
            {
                await ApplyPendingAsync(cancellationToken);
            }
            else if (_pending is not null && IsNo(line))
            {
                Reject(_pending);
            }
            else
            {
                await SendAsync(line, cancellationToken);
            }
        }

        if (_pending is not null)
        {
            _console.MarkupLine($"[grey]Plan {Markup.Escape(_pending.Id)} was not applied; it stays saved (pve-agent apply {Markup.Escape(_pending.Id)}).[/]");
        }

        _console.MarkupLine($"[grey]Conversation saved as {Markup.Escape(_conversationId)} with the plans.[/]");
        return ExitCodes.Success;
    }

    private static bool IsYes(string line) => line.ToLowerInvariant() is "y" or "yes" or "ok" or "approve" or "apply" or "go" or "do it";

    private static bool IsNo(string line) => line.ToLowerInvariant() is "n" or "no" or "reject" or "cancel";

    /// <summary>Runs a slash command; false for <c>/quit</c>.</summary>
    private async Task<bool> CommandAsync(string line, CancellationToken cancellationToken)
    {
        var parts = line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        switch (parts[0].ToLowerInvariant())
        {
            case "/quit" or "/exit" or "/q":
                return false;
            case "/help" or "/?":
                _console.WriteLine(Help);
                break;
            case "/status":
                var status = await new RuleBasedPlanner().PlanAsync("status", _planning.NewToolContext(), cancellationToken);
                Say(status.Text);
                break;
            case "/plan":
                await ShowPlanAsync(cancellationToken);
                break;
            case "/apply":
                await ApplyPendingAsync(cancellationToken);
                break;
            case "/undo":
                await UndoAsync(cancellationToken);
                break;
            case "/model":
                Model(parts.Length > 1 ? parts[1] : null);
                break;
            case "/clear":
                _conversation.Clear();
                _pending = null;
                _console.MarkupLine("[grey]Conversation cleared.[/]");
                break;
            default:
                _console.MarkupLine($"[yellow]Unknown command {Markup.Escape(parts[0])}.[/] /help lists them.");
                break;
        }

        return true;
    }

    private async Task SendAsync(string text, CancellationToken cancellationToken)
    {
        await _planning.Store.AppendTurnAsync(_conversationId, "user", text, null, cancellationToken);
        var result = _environment.IsInteractive
            ? await _console.Status().StartAsync("planning…", _ => _conversation.SendAsync(text, cancellationToken))
            : await _conversation.SendAsync(text, cancellationToken);
        if (result.Notice is { } notice)
        {
            _console.MarkupLine($"[yellow]note:[/] {Markup.Escape(Redact(notice))}");
        }

        string? planId = null;
        switch (result.Outcome)
        {
            case PlanningOutcome.Plan:
                Say(result.Text);
                var snapshot = await _lastContext!.GetSnapshotAsync(cancellationToken: cancellationToken);
                var plan = await _planning.CheckAndSaveAsync(result.Plan!, snapshot, cancellationToken);
                planId = plan.Id;
                PlanView.Render(_console, plan);
                Offer(plan);
                break;
            case PlanningOutcome.Refused:
                Say(result.Text);
                foreach (var problem in result.Problems)
                {
                    _console.MarkupLine($"  [red]{Markup.Escape(Redact(problem))}[/]");
                }

                break;
            default:
                Say(result.Text);
                break;
        }

        await _planning.Store.AppendTurnAsync(_conversationId, "assistant", result.Text, planId, cancellationToken);
    }

    /// <summary>Puts a checked plan on the table, or says why it cannot be applied.</summary>
    private void Offer(Plan plan)
    {
        if (plan.CanApply)
        {
            _pending = plan;
            _console.MarkupLine(plan.Steps.Count > 1
                ? "Apply it? [bold]y[/] applies, [bold]n[/] rejects, or say what to change (\"change step 2 to pve3\")."
                : "Apply it? [bold]y[/] applies, [bold]n[/] rejects, or say what to change.");
        }
        else
        {
            _pending = null;
            _console.MarkupLine("[red]A step is denied by the guardrails, so this plan cannot be applied.[/] Say what to change.");
        }
    }

    private async Task ShowPlanAsync(CancellationToken cancellationToken)
    {
        if ((_pending ?? _conversation.LastPlan) is not { } plan)
        {
            _console.MarkupLine("[grey]No plan yet: say what you want done.[/]");
            return;
        }

        // The stored copy carries the guardrails' verdicts (the planner's own copy does not).
        var stored = await _planning.Store.GetAsync(plan.Id, cancellationToken);
        PlanView.Render(_console, stored?.Plan ?? plan);
        _console.MarkupLine($"[grey]status: {(stored?.Status.ToString().ToLowerInvariant() ?? "not saved")}[/]");
    }

    private async Task ApplyPendingAsync(CancellationToken cancellationToken)
    {
        if (_pending is not { } plan)
        {
            _console.MarkupLine("[grey]No plan waiting for approval: say what you want done first.[/]");
            return;
        }

        _pending = null;
        var code = await _workflow.ApproveAndApplyAsync(plan, yes: false, resume: false, cancellationToken, approvedInChat: true);
        var outcome = code == ExitCodes.Success ? "was approved and applied" : "was approved but did not apply completely (see the report above)";
        if (code == ExitCodes.Success)
        {
            _lastApplied = plan;
        }

        _conversation.Note($"Plan {plan.Id} {outcome}.");
        await _planning.Store.AppendTurnAsync(_conversationId, "system", $"plan {plan.Id} {outcome}", plan.Id, cancellationToken);
    }

    private void Reject(Plan plan)
    {
        _pending = null;
        _planning.Audit.Approval(plan, Approver.Person, granted: false);
        _conversation.Note($"The person rejected plan {plan.Id}; it was not applied.");
        _console.MarkupLine($"Rejected. Plan {Markup.Escape(plan.Id)} stays saved, not applied.");
    }

    private async Task UndoAsync(CancellationToken cancellationToken)
    {
        var store = _planning.Store;
        var target = _lastApplied is { } applied ? await store.GetAsync(applied.Id, cancellationToken) : await store.FindLastAppliedAsync(cancellationToken);
        if (target is not { Status: PlanStatus.Applied })
        {
            _console.MarkupLine("[grey]There is no applied plan to undo.[/]");
            return;
        }

        var context = _planning.NewToolContext();
        var snapshot = await context.GetSnapshotAsync(cancellationToken: cancellationToken);
        var proposal = UndoPlanner.Propose(target.Plan, await store.ReadJournalAsync(target.Plan.Id, cancellationToken), await store.NewPlanIdAsync(cancellationToken), snapshot);
        if (proposal.Plan is not { } undo)
        {
            _console.MarkupLine($"[yellow]{Markup.Escape(proposal.Problem ?? "nothing to undo")}[/]");
            return;
        }

        Say(undo.Summary);
        var plan = await _planning.CheckAndSaveAsync(undo, snapshot, cancellationToken);
        PlanView.Render(_console, plan);
        Offer(plan);
        _conversation.Note($"Proposed plan {plan.Id} to undo plan {target.Plan.Id}.");
    }

    private void Model(string? name)
    {
        if (name is not null)
        {
            _llm.UseModel(name);
            _conversation.UsePlanner(_llm.Planner);
        }
        else
        {
            _llm.Planner.RetryLlm();
        }

        _console.MarkupLine($"Planner: {Markup.Escape(_llm.Settings.ToString())} [grey]({Markup.Escape(string.Join(", ", _llm.Settings.Sources))}; up to {_llm.Settings.MaxRounds} round trips per request)[/]");
        if (name is null)
        {
            _console.MarkupLine("[grey]The next request tries the LLM again.[/]");
        }
    }

    private void Say(string text) => _console.MarkupLine($"[bold]agent>[/] {Markup.Escape(Redact(text))}");

    private string Redact(string text) => _planning.Session.Redactor.Redact(text);
}
