using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PveAgent.Cli.Chat;
using PveAgent.Cli.Composition;
using PveAgent.Cli.Output;
using PveAgent.Cli.Rendering;
using PveAgent.Core.Plans;
using PveAgent.Core.Routing;
using PveAgent.Core.State;
using Spectre.Console;

namespace PveAgent.Cli.Commands;

/// <summary>
/// <c>pve-agent run "&lt;intent&gt;"</c> plans, asks and applies; <c>pve-agent run --type … "prompt"</c> runs one AI task
/// where the router places it, as a one-step plan under the same guardrails, streaming the answer.
/// </summary>
internal sealed class RunCommand(CliEnvironment environment, CliOptions options)
{
    public Command Build()
    {
        var task = new TaskOptions();
        var text = new Argument<string[]>("intent-or-prompt") { Description = "Without --type: what you want done. With --type: the prompt or text for the model", Arity = ArgumentArity.ZeroOrMore };
        var inputFile = new Option<string?>("--input-file", "-f") { Description = "File to send: audio for speech-to-text, text for the others", HelpName = "path" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Approve without asking — only where guardrails.unattended allows it" };
        var json = new Option<bool>("--json") { Description = "With --type: print {node, service, model, warm, score, reasons, latency_ms, output}; else the apply report" };
        var command = new Command("run", "Do something: plan + approve + apply an intent, or with --type run an AI task on the best node") { text };
        task.AddTo(command);
        command.Options.Add(inputFile);
        command.Options.Add(yes);
        command.Options.Add(json);
        var llm = new LlmOptions();
        llm.AddTo(command, withSwitch: true);
        command.SetAction(async (parse, ct) =>
        {
            var words = string.Join(' ', parse.GetValue(text) ?? []).Trim();
            var config = await ConfigLoading.LoadAsync(environment, parse.GetValue(options.Config), ct);
            if (parse.GetValue(task.Type) is null)
            {
                if (words.Length == 0)
                {
                    throw new UserFacingException("say what you want done, e.g. pve-agent run \"snapshot every VM on brian\"", "or run an AI task: pve-agent run --type llm-inference \"your prompt\"", ExitCodes.Usage);
                }

                using var session = await ClusterSession.OpenAsync(environment, config, parse.GetValue(options.Verbose), ct);
                var planning = PlanningServices.Create(session);
                var console = environment.CreateConsole(toError: parse.GetValue(json), noColor: parse.GetValue(options.NoColor));
                var workflow = new PlanWorkflow(environment, planning, console, json: false);
                var (plan, code) = llm.Enabled(parse)
                    ? await LlmPlanning.PlanAsync(environment, planning, workflow, words, llm.Overrides(parse), json: false, ct)
                    : await workflow.PlanAsync(words, ct);
                if (plan is null)
                {
                    return code;
                }

                return await new PlanWorkflow(environment, planning, console, parse.GetValue(json)).ApproveAndApplyAsync(plan, parse.GetValue(yes), resume: false, ct);
            }

            var file = parse.GetValue(inputFile);
            if (file is not null)
            {
                file = Path.GetFullPath(file, environment.CurrentDirectory);
                if (!File.Exists(file))
                {
                    throw new UserFacingException($"--input-file {file} does not exist", "check the path; nothing was run", ExitCodes.Usage);
                }
            }

            var request = task.Build(parse, config, words.Length == 0 ? null : words);
            if (request.Input is null && file is null && request.Type.Execution != TaskExecution.Job)
            {
                throw new UserFacingException("nothing to send: give a prompt or --input-file", $"e.g. pve-agent run --type {request.Type.Name} \"…\"", ExitCodes.Usage);
            }

            using var runSession = await ClusterSession.OpenAsync(environment, config, parse.GetValue(options.Verbose), ct);
            return await RunTaskAsync(runSession, request, file, parse.GetValue(yes), parse.GetValue(json), parse.GetValue(options.NoColor), ct);
        });
        return command;
    }

    private async Task<int> RunTaskAsync(ClusterSession session, TaskRequest request, string? file, bool yes, bool json, bool noColor, CancellationToken cancellationToken)
    {
        var planning = PlanningServices.Create(session);
        var status = environment.CreateConsole(toError: true, noColor: noColor);
        var snapshot = await session.Snapshots.ReadAsync(cancellationToken);
        var decision = new Router().Route(request, snapshot, RoutingSectionBinder.OptionsFor(session.Config), session.Latencies.Snapshot());
        if (decision.Best is not { } best)
        {
            RouteCommand.Render(status, decision);
            return ExitCodes.Refused;
        }

        if (best.Service is null)
        {
            // Jobs (training, preprocessing, image generation without an image service) are routed but not run yet:
            // say so before a plan is made, rather than fail inside it.
            throw new UserFacingException(
                $"{request.Type.Name} would run as a job on {best.Node} (see pve-agent route --type {request.Type.Name}), and PveAgent runs AI tasks only through inference services so far",
                "serve the model from an inference service listed under the node's services: in cluster.yaml, or start the job yourself on the node the route names");
        }

        var plan = await planning.CheckAndSaveAsync(OneStepPlan(request, file, best, decision, snapshot, await planning.Store.NewPlanIdAsync(cancellationToken)), snapshot, cancellationToken);
        status.MarkupLine($"[grey]→ {Markup.Escape(best.Node)}/{Markup.Escape(best.Service ?? "(job)")}{(best.Warm ? " (warm)" : " (cold)")}, score {best.Score.ToString("0.0", CultureInfo.InvariantCulture)} (plan {plan.Id})[/]");
        if (plan.NeedsApproval || !plan.CanApply)
        {
            PlanView.Render(status, plan);
        }

        var output = new System.Text.StringBuilder();
        session.Tasks.PlanStepOutput = async (chunk, ct) =>
        {
            output.Append(chunk);
            if (!json)
            {
                await environment.Out.WriteAsync(chunk.AsMemory(), ct);
                await environment.Out.FlushAsync(ct);
            }
        };

        var ledger = new TaskLedger(session.StateDirectory);
        var entry = ledger.Start(plan.Id, request.Type.Name, best.Model ?? request.Model, best.Node, best.Service ?? "(job)", request.Priority.ToString().ToLowerInvariant(), environment.Clock.GetUtcNow());
        int code;
        try
        {
            code = await new PlanWorkflow(environment, planning, status, json: false).ApproveAndApplyAsync(plan, yes, resume: false, cancellationToken, compact: true);
        }
        catch (UserFacingException ex) when (ex.ExitCode == ExitCodes.Cancelled)
        {
            ledger.Finish(entry, "cancelled", null, null, null, "cancelled with Ctrl+C", environment.Clock.GetUtcNow());
            throw new UserFacingException("cancelled: the request was aborted", null, ExitCodes.Cancelled);
        }

        var finished = session.Tasks.LastPlanStepResult;
        ledger.Finish(
            entry,
            finished is null ? (code == ExitCodes.Success ? "succeeded" : "not run") : finished.Succeeded ? "succeeded" : "failed",
            finished?.Node,
            finished?.Service,
            finished?.LatencyMs,
            finished?.Error,
            environment.Clock.GetUtcNow());

        if (!json && output.Length > 0)
        {
            await environment.Out.WriteLineAsync();
        }

        if (session.Tasks.LastPlanStepResult is not { } result)
        {
            return code;
        }

        if (result.Succeeded && result.Node is { } node && result.Service is { } service && result.Model is { } model && result.LatencyMs is { } latency)
        {
            session.LatencyJournal.Append(node, service, model, latency);
        }

        if (json)
        {
            await environment.Out.WriteLineAsync(session.Redactor.Redact(JsonSerializer.Serialize(
                new RunDocument(
                    result.Node,
                    result.Service,
                    result.Model,
                    result.Warm,
                    result.Score is { } s ? Math.Round(s, 3) : null,
                    result.Reasons,
                    result.LatencyMs is { } ms ? Math.Round(ms) : null,
                    result.Output,
                    result.Succeeded,
                    result.Error,
                    plan.Id,
                    [.. result.Attempts.Select(a => a.ToString())]),
                CliJson.Context.RunDocument)));
        }
        else
        {
            foreach (var attempt in result.Attempts)
            {
                status.MarkupLine($"[yellow]{Markup.Escape(attempt.ToString())}[/]");
            }

            status.MarkupLine(result.Succeeded
                ? $"[grey]ran on {Markup.Escape(result.Node ?? "?")}/{Markup.Escape(result.Service ?? "?")}{(result.Warm ? " (model was warm)" : " (cold start)")} in {Format.Duration(TimeSpan.FromMilliseconds(result.LatencyMs ?? result.Total.TotalMilliseconds))}; why: {Markup.Escape(string.Join("; ", result.Reasons.Take(3)))}[/]"
                : $"[red]{Markup.Escape(result.Error ?? result.Summary)}[/]");
        }

        return code;
    }

    private Plan OneStepPlan(TaskRequest request, string? file, RouteCandidate best, RouteDecision decision, ClusterSnapshot snapshot, string id)
    {
        var arguments = JsonSerializer.SerializeToElement(
            new Dictionary<string, string?> { ["task"] = request.Type.Name, ["model"] = request.Model, ["input"] = request.Input, ["file"] = file },
            CliJson.Context.DictionaryStringString);
        var action = new RunTaskAction(request.Type.Name, best.Model ?? request.Model, request.Input, file, best.Node, best.Service ?? "", best.NeedsWake || best.NeedsGuestStart);
        List<Precondition> facts = best.NeedsWake ? [] : [new NodeStatusPrecondition(best.Node, NodeStatus.Online)];
        var fallbacks = decision.Candidates.Skip(1).Select(c => $"{c.Node}/{c.Service}").ToList();
        var step = new PlanStep
        {
            Index = 1,
            Tool = "run_task",
            Arguments = arguments,
            Action = action,
            Rationale = $"the router's best place{(best.Warm ? ", model already loaded" : "")} ({best.Score.ToString("0.#", CultureInfo.InvariantCulture)} points){(fallbacks.Count > 0 ? "; falls back to " + string.Join(", ", fallbacks) : "")}",
            Preconditions = facts,
        };
        return new Plan
        {
            Id = id,
            Intent = $"run {request.Type.Name}{(request.Model is null ? "" : " with " + request.Model)}",
            CreatedAt = environment.Clock.GetUtcNow(),
            Steps = [step],
            Preconditions = facts,
            Fingerprint = PlanFingerprint.Compute(facts, snapshot),
            Summary = action.Describe(),
            Planner = "cli",
        };
    }
}
