using System.CommandLine;
using System.Globalization;
using PveAgent.Core.Plans;
using PveAgent.Core.Storage;
using Spectre.Console;

namespace PveAgent.Cli.Commands;

/// <summary><c>pve-agent plans</c>: the saved plans, newest first.</summary>
internal sealed class PlansCommand(CliEnvironment environment, CliOptions options)
{
    public Command Build()
    {
        var limit = new Option<int>("--limit", "-n") { Description = "How many to list", DefaultValueFactory = _ => 20 };
        var command = new Command("plans", "List saved plans with their status (pending, applied, failed, stale, refused, undone)") { limit };
        command.SetAction(async (parse, ct) =>
        {
            var state = StateDirectory.EnsureCreated(environment.GetEnvironmentVariable);
            var store = PlanStore.InDirectory(state);
            var plans = await store.ListAsync(Math.Clamp(parse.GetValue(limit), 1, 1000), ct);
            var console = environment.CreateConsole(noColor: parse.GetValue(options.NoColor));
            if (plans.Count == 0)
            {
                console.MarkupLine("No plans yet. Make one with: pve-agent plan \"snapshot every VM on brian\"");
                return ExitCodes.Success;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumns("Plan", "Created", "Status", "Intent");
            foreach (var plan in plans)
            {
                table.AddRow(
                    plan.Id,
                    plan.Created.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    plan.Status.ToString().ToLowerInvariant(),
                    Markup.Escape(plan.Intent));
            }

            console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}
