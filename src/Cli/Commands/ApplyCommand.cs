using System.CommandLine;
using PveAgent.Cli.Composition;
using PveAgent.Cli.Rendering;
using PveAgent.Core.Plans;

namespace PveAgent.Cli.Commands;

/// <summary><c>pve-agent apply &lt;plan-id&gt;</c>: show the plan, ask for approval, re-check the cluster, apply, report.</summary>
internal sealed class ApplyCommand(CliEnvironment environment, CliOptions options)
{
    public Command Build()
    {
        var id = new Argument<string>("plan-id") { Description = "Plan id or a unique prefix (pve-agent plans lists them)" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Approve without asking — only where guardrails.unattended allows it, never for destructive steps" };
        var resume = new Option<bool>("--resume") { Description = "Continue a plan whose apply was interrupted: sent actions are awaited, never sent again" };
        var json = new Option<bool>("--json") { Description = "Print {plan_id, status: applied|failed|refused|stale, steps: [{index, status, upid, error}]}" };
        var command = new Command("apply", "Apply a saved plan: approval, a fresh check of the cluster (stale plans are refused), live progress, report") { id, yes, resume, json };
        command.SetAction(async (parse, ct) =>
        {
            var config = await ConfigLoading.LoadAsync(environment, parse.GetValue(options.Config), ct);
            using var session = await ClusterSession.OpenAsync(environment, config, parse.GetValue(options.Verbose), ct);
            var planning = PlanningServices.Create(session);
            var lookup = await planning.Store.FindAsync(parse.GetValue(id)!, ct);
            if (lookup.Found is not { } stored)
            {
                throw new UserFacingException(
                    lookup.Problem ?? $"no plan '{parse.GetValue(id)}'",
                    lookup.Candidates.Count > 0 ? "it matches: " + string.Join(", ", lookup.Candidates.Select(c => $"{c.Id} ({c.Intent})")) : "pve-agent plans lists the saved plans",
                    ExitCodes.Usage);
            }

            var console = environment.CreateConsole(toError: parse.GetValue(json), noColor: parse.GetValue(options.NoColor));
            if (stored.Status is PlanStatus.Applied or PlanStatus.Undone && !parse.GetValue(resume))
            {
                throw new UserFacingException($"plan {stored.Plan.Id} was already {stored.Status.ToString().ToLowerInvariant()} at {stored.Updated:yyyy-MM-dd HH:mm}", "plans are applied once; make a new one with pve-agent plan \"…\"", ExitCodes.Refused);
            }

            PlanView.Render(console, stored.Plan);
            var workflow = new PlanWorkflow(environment, planning, console, parse.GetValue(json));
            return await workflow.ApproveAndApplyAsync(stored.Plan, parse.GetValue(yes), parse.GetValue(resume), ct);
        });
        return command;
    }
}
