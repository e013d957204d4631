using System.Globalization;
using PveAgent.Cli.Output;
using PveAgent.Core.Plans;
using Spectre.Console;

namespace PveAgent.Cli.Rendering;

/// <summary>
/// Live progress of an apply, one line per event (a Proxmox task's log lines as they come, each change only once),
/// and the final report. Lines rather than a redrawn screen, so it reads the same in a terminal, a log or a pipe.
/// </summary>
internal sealed class ApplyView(IAnsiConsole console, bool compact = false) : IProgress<ApplyProgress>
{
    private readonly Lock _gate = new();
    private string? _lastAction;

    public void Report(ApplyProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            // Compact (one AI task): only what makes the person wait — a node waking, a guest starting — and failures.
            // The caller reports how the task ended, so finished steps stay quiet here.
            if (compact && value.Kind is not (ApplyProgressKind.StepProgress or ApplyProgressKind.Refused or ApplyProgressKind.Stale))
            {
                return;
            }

            if (compact && value.Kind == ApplyProgressKind.StepProgress && value.Action?.Message is { } message
                && !(message.Contains("wak", StringComparison.OrdinalIgnoreCase) || message.Contains("start", StringComparison.OrdinalIgnoreCase)
                    || message.Contains("fail", StringComparison.OrdinalIgnoreCase) || message.Contains("trying", StringComparison.OrdinalIgnoreCase)))
            {
                return;
            }

            switch (value.Kind)
            {
                case ApplyProgressKind.Checking:
                    console.MarkupLine($"[grey]{Markup.Escape(value.Message)}[/]");
                    break;
                case ApplyProgressKind.StepStarting:
                case ApplyProgressKind.CompensationStarting:
                    _lastAction = null;
                    console.MarkupLine($"{(value.Kind == ApplyProgressKind.CompensationStarting ? "[yellow]↺[/]" : "[blue]▶[/]")} {Markup.Escape(value.Message)}");
                    break;
                case ApplyProgressKind.StepSent:
                    console.MarkupLine($"  [grey]{Markup.Escape(value.Message)}{(value.Upid is null ? "" : $" ({Markup.Escape(value.Upid)})")}[/]");
                    break;
                case ApplyProgressKind.StepProgress when value.Action is { } action && action.Message != _lastAction:
                    _lastAction = action.Message;
                    console.MarkupLine($"  [grey]{Format.Duration(action.Elapsed),7}  {Markup.Escape(action.Message)}[/]");
                    break;
                case ApplyProgressKind.StepFinished:
                case ApplyProgressKind.CompensationFinished:
                    var ok = value.Status == StepStatus.Succeeded;
                    console.MarkupLine($"  {(ok ? "[green]✓[/]" : "[red]✗[/]")} {Markup.Escape(value.Message)}{(value.Error is null ? "" : $" — [red]{Markup.Escape(value.Error)}[/]")}");
                    break;
                case ApplyProgressKind.StepSkipped:
                    console.MarkupLine($"  [grey]– {Markup.Escape(value.Message)}[/]");
                    break;
                case ApplyProgressKind.Refused:
                case ApplyProgressKind.Stale:
                    console.MarkupLine($"[red]{Markup.Escape(value.Message)}[/]");
                    break;
                default:
                    break;
            }
        }
    }

    public static void RenderReport(IAnsiConsole console, ApplyReport report)
    {
        var colour = report.Status switch
        {
            ApplyStatus.Applied => "green",
            ApplyStatus.Failed => "red",
            _ => "yellow",
        };
        console.MarkupLine($"[bold {colour}]{report.Status.ToString().ToLowerInvariant()}[/] — {Markup.Escape(report.Summary)}");
        foreach (var failed in report.FailedPreconditions)
        {
            console.MarkupLine($"  [yellow]no longer true:[/] {Markup.Escape(failed.Fact)} — now: {Markup.Escape(failed.Now)}");
        }

        foreach (var reason in report.Reasons)
        {
            console.MarkupLine($"  [yellow]{Markup.Escape(reason)}[/]");
        }

        if (report.Steps.Count > 0 && report.Status != ApplyStatus.Refused && report.Status != ApplyStatus.Stale)
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumns("#", "Step", "Result", "Task");
            foreach (var step in report.Steps)
            {
                table.AddRow(
                    step.Index.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(step.Description),
                    step.Status switch
                    {
                        StepStatus.Succeeded => $"[green]done[/]{(step.Summary is null ? "" : " " + Markup.Escape(step.Summary))}",
                        StepStatus.Failed => $"[red]failed[/] {Markup.Escape(step.Error ?? "")}",
                        _ => "[grey]skipped[/]",
                    },
                    Markup.Escape(step.Upid ?? "–"));
            }

            console.Write(table);
        }

        foreach (var compensation in report.Compensations)
        {
            console.MarkupLine($"  [yellow]undone[/] step {compensation.Step}: {Markup.Escape(compensation.Description)} → {compensation.Status.ToString().ToLowerInvariant()}{(compensation.Error is null ? "" : " " + Markup.Escape(compensation.Error))}");
        }
    }
}
