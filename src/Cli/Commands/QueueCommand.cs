using System.CommandLine;
using System.Globalization;
using PveAgent.Cli.Composition;
using PveAgent.Cli.Output;
using PveAgent.Core.Hardware;
using Spectre.Console;

namespace PveAgent.Cli.Commands;

/// <summary>
/// <c>pve-agent queue</c>: the AI work in flight — tasks PveAgent has started from any terminal on this machine, the load
/// each inference service reports against what its accelerators sustain, and the last finished tasks.
/// </summary>
internal sealed class QueueCommand(CliEnvironment environment, CliOptions options)
{
    public Command Build()
    {
        var recent = new Option<int>("--recent") { Description = "How many finished tasks to list", DefaultValueFactory = _ => 10 };
        var command = new Command("queue", "Show AI tasks in flight, each service's load against its capacity, and recent tasks") { recent };
        command.SetAction(async (parse, ct) =>
        {
            var config = await ConfigLoading.LoadAsync(environment, parse.GetValue(options.Config), ct);
            using var session = await ClusterSession.OpenAsync(environment, config, parse.GetValue(options.Verbose), ct);
            var ledger = new TaskLedger(session.StateDirectory);
            var snapshot = await session.Snapshots.ReadAsync(ct);
            var console = environment.CreateConsole(noColor: parse.GetValue(options.NoColor));
            var now = environment.Clock.GetUtcNow();

            var running = ledger.Running();
            if (running.Count == 0)
            {
                console.MarkupLine("[grey]No PveAgent task is running on this machine.[/]");
            }
            else
            {
                var table = new Table().Title("[bold]In flight[/]").Border(TableBorder.Rounded).AddColumns("Task", "Model", "Where", "Priority", "Running for", "Plan", "State");
                foreach (var task in running)
                {
                    table.AddRow(
                        Markup.Escape(task.Type),
                        Markup.Escape(task.Model ?? "–"),
                        Markup.Escape($"{task.Node}/{task.Service}"),
                        task.Priority,
                        Format.Duration(now - task.Started),
                        Markup.Escape(task.PlanId ?? "–"),
                        task.Status == "abandoned" ? $"[yellow]abandoned[/] (process {task.Pid} is gone)" : $"running (pid {task.Pid})");
                }

                console.Write(table);
            }

            var load = new Table().Title("[bold]Service load[/]").Border(TableBorder.Rounded).AddColumns("Service", "Running", "Waiting", "Capacity", "Load", "KV cache", "Warm");
            foreach (var service in snapshot.Services)
            {
                var node = snapshot.FindNode(service.Node);
                var accelerators = node?.Accelerators ?? [];
                var profile = accelerators.Count > 0 ? AcceleratorProfiles.Find(accelerators[0].Kind, accelerators[0].Model) : AcceleratorProfiles.Cpu;
                var capacity = profile.ConcurrentStreams * Math.Max(1, accelerators.Count);
                var busy = (service.RequestsRunning ?? 0) + (service.RequestsWaiting ?? 0);
                load.AddRow(
                    Markup.Escape($"{service.Node}/{service.Name}"),
                    service.RequestsRunning?.ToString("0", CultureInfo.InvariantCulture) ?? "–",
                    service.RequestsWaiting?.ToString("0", CultureInfo.InvariantCulture) ?? "–",
                    $"{capacity} streams",
                    service.Reachable ? (busy / capacity).ToString("P0", CultureInfo.InvariantCulture) : "[red]down[/]",
                    service.KvCacheUsage?.ToString("P0", CultureInfo.InvariantCulture) ?? "–",
                    Markup.Escape(string.Join(", ", service.Loaded.Select(m => m.Name))));
            }

            console.Write(load);

            var finished = ledger.Recent(Math.Clamp(parse.GetValue(recent), 0, 200));
            if (finished.Count > 0)
            {
                var table = new Table().Title("[bold]Recently finished[/]").Border(TableBorder.Rounded).AddColumns("Finished", "Task", "Model", "Where", "Result", "Latency");
                foreach (var task in finished)
                {
                    table.AddRow(
                        task.Finished?.ToString("HH:mm:ss", CultureInfo.InvariantCulture) ?? "–",
                        Markup.Escape(task.Type),
                        Markup.Escape(task.Model ?? "–"),
                        Markup.Escape($"{task.Node}/{task.Service}"),
                        task.Status == "succeeded" ? "[green]succeeded[/]" : $"[red]{Markup.Escape(task.Status)}[/]{(task.Error is null ? "" : " " + Markup.Escape(task.Error))}",
                        task.LatencyMs is { } ms ? Format.Duration(TimeSpan.FromMilliseconds(ms)) : "–");
                }

                console.Write(table);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
