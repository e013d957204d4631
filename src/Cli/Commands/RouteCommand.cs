using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PveAgent.Cli.Composition;
using PveAgent.Cli.Output;
using PveAgent.Core.Routing;
using Spectre.Console;

namespace PveAgent.Cli.Commands;

/// <summary><c>pve-agent route --type … [--model …]</c>: where a task would run and why, without running it.</summary>
internal sealed class RouteCommand(CliEnvironment environment, CliOptions options)
{
    public Command Build()
    {
        var task = new TaskOptions();
        var json = new Option<bool>("--json") { Description = "Print {task, candidates: [{node, service, score, parts, reasons}]} best first" };
        var command = new Command("route", "Rank the places a task could run, with the score of every part and the reason for it (runs nothing)");
        task.AddTo(command);
        command.Options.Add(json);
        command.SetAction(async (parse, ct) =>
        {
            var config = await ConfigLoading.LoadAsync(environment, parse.GetValue(options.Config), ct);
            var request = task.Build(parse, config, input: null);
            using var session = await ClusterSession.OpenAsync(environment, config, parse.GetValue(options.Verbose), ct);
            var snapshot = await session.Snapshots.ReadAsync(ct);
            var decision = new Router().Route(request, snapshot, RoutingSectionBinder.OptionsFor(config));

            if (parse.GetValue(json))
            {
                await environment.Out.WriteLineAsync(JsonSerializer.Serialize(ToDocument(decision), CliJson.Context.RouteDocument));
            }
            else
            {
                Render(environment.CreateConsole(noColor: parse.GetValue(options.NoColor)), decision);
            }

            return decision.Found ? ExitCodes.Success : ExitCodes.Refused;
        });
        return command;
    }

    internal static RouteDocument ToDocument(RouteDecision decision) => new(
        new RouteTask(decision.Task.Type.Name, decision.Task.Model, decision.Task.Priority.ToString().ToLowerInvariant()),
        [.. decision.Candidates.Select(c => new RouteCandidateJson(
            c.Node,
            c.Service,
            Math.Round(c.Score, 3),
            c.Parts.GroupBy(p => p.Name).ToDictionary(g => g.Key, g => Math.Round(g.Sum(p => p.Value), 3)),
            [.. c.Parts.Select(p => $"{p.Name}: {p.Reason}")],
            c.Warm,
            c.AcceleratorModel,
            c.Devices,
            Math.Round(c.EstimatedLatencyMs),
            c.NeedsWake,
            c.NeedsGuestStart))],
        [.. decision.Rejected.Select(r => new RouteRejectionJson(r.Node, r.Service, r.Reason))]);

    internal static void Render(IAnsiConsole console, RouteDecision decision)
    {
        var task = decision.Task;
        console.MarkupLine($"[bold]{Markup.Escape(task.Type.Name)}[/]{(task.Model is null ? "" : $" with [bold]{Markup.Escape(task.Model)}[/]")}");
        if (!decision.Found)
        {
            console.MarkupLine("[red]No node can run this task.[/]");
        }
        else
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumns("#", "Node / service", "Score", "Est. latency", "Why");
            var rank = 1;
            foreach (var candidate in decision.Candidates)
            {
                var why = string.Join(
                    Environment.NewLine,
                    candidate.Parts.Select(p => $"{p.Value.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture),6}  {Markup.Escape(p.Name)}: {Markup.Escape(p.Reason)}"));
                table.AddRow(
                    (rank++).ToString(CultureInfo.InvariantCulture),
                    $"[bold]{Markup.Escape(candidate.Node)}[/]{(candidate.Service is null ? " (job)" : "/" + Markup.Escape(candidate.Service))}{Environment.NewLine}[grey]{candidate.Devices}× {Markup.Escape(candidate.AcceleratorModel)}[/]{(candidate.Warm ? Environment.NewLine + "[green]warm[/]" : "")}",
                    candidate.Score.ToString("0.0", CultureInfo.InvariantCulture),
                    Format.Duration(TimeSpan.FromMilliseconds(candidate.EstimatedLatencyMs)),
                    why);
            }

            console.Write(table);
            if (decision.OmittedCandidates > 0)
            {
                console.MarkupLine($"[grey]{decision.OmittedCandidates} more candidate(s) not listed (routing.max_candidates)[/]");
            }
        }

        if (decision.Rejected.Count > 0)
        {
            console.MarkupLine("[bold]Excluded[/]");
            foreach (var rejection in decision.Rejected)
            {
                console.MarkupLine($"  [grey]{Markup.Escape(rejection.ToString())}[/]");
            }
        }
    }
}
