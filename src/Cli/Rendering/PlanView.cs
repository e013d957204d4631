using PveAgent.Core.Plans;
using Spectre.Console;

namespace PveAgent.Cli.Rendering;

/// <summary>A plan as people read it: numbered steps with effect, verdict and reason, then the facts it relies on.</summary>
internal static class PlanView
{
    public static void Render(IAnsiConsole console, Plan plan)
    {
        console.MarkupLine($"[bold]Plan {Markup.Escape(plan.Id)}[/]  [grey]{Markup.Escape(plan.Planner)}, {plan.CreatedAt:yyyy-MM-dd HH:mm:ss} UTC, state {Markup.Escape(plan.Fingerprint)}[/]");
        console.MarkupLine($"[grey]intent:[/] {Markup.Escape(plan.Intent)}");
        var table = new Table().Border(TableBorder.Rounded).AddColumns("#", "Step", "Effect", "Guardrails", "Why");
        foreach (var step in plan.Steps)
        {
            var undo = step.Compensation is { } compensation ? $"{Environment.NewLine}[grey]undo: {Markup.Escape(compensation.Describe())}[/]" : "";
            table.AddRow(
                step.Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"{Markup.Escape(step.Action.Describe())}{Environment.NewLine}[grey]{Markup.Escape(step.Tool)}[/]{undo}",
                EffectMarkup(step.Effect),
                $"{VerdictMarkup(step.Verdict.Decision)}{Environment.NewLine}[grey]{Markup.Escape(string.Join("; ", step.Verdict.Reasons))}[/]",
                Markup.Escape(step.Rationale));
        }

        console.Write(table);
        if (plan.Preconditions.Count > 0)
        {
            console.MarkupLine("[bold]Relies on[/] (checked again before applying):");
            foreach (var fact in plan.Preconditions)
            {
                console.MarkupLine($"  • {Markup.Escape(fact.Describe())}");
            }
        }

        foreach (var note in plan.Notes)
        {
            console.MarkupLine($"[grey]note: {Markup.Escape(note)}[/]");
        }
    }

    public static string EffectMarkup(ToolEffect effect) => effect switch
    {
        ToolEffect.Read => "[grey]read[/]",
        ToolEffect.Write => "[blue]write[/]",
        ToolEffect.Disruptive => "[yellow]disruptive[/]",
        _ => "[red]destructive[/]",
    };

    public static string VerdictMarkup(PolicyDecision decision) => decision switch
    {
        PolicyDecision.Allow => "[green]allow[/]",
        PolicyDecision.NeedsApproval => "[yellow]needs approval[/]",
        _ => "[red]deny[/]",
    };
}
