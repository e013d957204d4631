using PveAgent.Cli.Composition;
using PveAgent.Cli.Rendering;
using PveAgent.Core.Plans;
using PveAgent.Guardrails;
using PveAgent.Kernel.Planning;
using Spectre.Console;

namespace PveAgent.Cli.Commands;

/// <summary>
/// The one path from an intent to a change, shared by <c>plan</c>, <c>apply</c> and <c>run</c>: make the plan, check it
/// against the guardrails, save it, ask for approval when the policy says so, apply it journaled, report.
/// </summary>
internal sealed class PlanWorkflow(CliEnvironment environment, PlanningServices planning, IAnsiConsole console, bool json)
{
    /// <summary>Plans <paramref name="intent"/> with the rule-based planner; null (after saying why) when there is no plan to apply.</summary>
    public async Task<(Plan? Plan, int ExitCode)> PlanAsync(string intent, CancellationToken cancellationToken)
    {
        var context = planning.NewToolContext();
        var result = await new RuleBasedPlanner().PlanAsync(intent, context, cancellationToken);
        return await HandleAsync(result, context, cancellationToken);
    }

    /// <summary>Turns a planner's result into a checked, saved plan, or prints the answer / refusal / examples.</summary>
    public async Task<(Plan? Plan, int ExitCode)> HandleAsync(PlanningResult result, Plugins.ToolContext context, CancellationToken cancellationToken)
    {
        switch (result.Outcome)
        {
            case PlanningOutcome.Answer:
                await environment.Out.WriteLineAsync(planning.Session.Redactor.Redact(result.Text));
                return (null, ExitCodes.Success);
            case PlanningOutcome.NotUnderstood:
                await environment.Error.WriteLineAsync(result.Text);
                await environment.Error.WriteLineAsync("Things PveAgent understands without an LLM:");
                foreach (var example in result.Examples)
                {
                    await environment.Error.WriteLineAsync($"  pve-agent run \"{example}\"");
                }

                return (null, ExitCodes.Usage);
            case PlanningOutcome.Refused:
                await environment.Error.WriteLineAsync("error: " + result.Text);
                foreach (var problem in result.Problems.Where(p => !result.Text.Contains(p, StringComparison.Ordinal)))
                {
                    await environment.Error.WriteLineAsync("  " + problem);
                }

                return (null, ExitCodes.Refused);
            default:
                var snapshot = await context.GetSnapshotAsync(cancellationToken: cancellationToken);
                var plan = await planning.CheckAndSaveAsync(result.Plan!, snapshot, cancellationToken);
                if (json)
                {
                    await environment.Out.WriteLineAsync(PlanJson.Serialize(plan, planning.Session.Redactor));
                }
                else
                {
                    PlanView.Render(console, plan);
                }

                return (plan, ExitCodes.Success);
        }
    }

    /// <summary>
    /// Asks for approval when needed (stdin; <c>--yes</c> where the policy allows it), then applies with live progress.
    /// <paramref name="approvedInChat"/>: the person already said yes to this plan in <c>chat</c>, so they are not asked twice.
    /// </summary>
    public async Task<int> ApproveAndApplyAsync(Plan plan, bool yes, bool resume, CancellationToken cancellationToken, bool compact = false, bool approvedInChat = false)
    {
        var check = planning.Approval.Check(plan);
        if (!check.CanApply)
        {
            return await RefuseAsync(plan, check.Reason);
        }

        var approver = Approver.Person;
        if (check.Needed && !resume)
        {
            if (yes)
            {
                if (!planning.Approval.Accepts(plan, Approver.Unattended))
                {
                    planning.Audit.Approval(plan, Approver.Unattended, granted: false);
                    return await RefuseAsync(plan, check.Reason + " — --yes cannot stand in for a person here (guardrails.unattended is false, or a step is destructive); approve it in a terminal");
                }

                approver = Approver.Unattended;
            }
            else if (approvedInChat)
            {
                planning.Audit.Approval(plan, Approver.Person, granted: true);
            }
            else
            {
                var prompt = $"Apply plan {plan.Id} ({plan.Steps.Count} step{(plan.Steps.Count == 1 ? "" : "s")})? [y/N] ";
                await environment.Error.WriteAsync(prompt);
                var answer = (await environment.In.ReadLineAsync(cancellationToken))?.Trim();
                if (answer is null)
                {
                    await environment.Error.WriteLineAsync();
                }

                var granted = answer is not null && (answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase));
                planning.Audit.Approval(plan, Approver.Person, granted);
                if (!granted)
                {
                    await environment.Error.WriteLineAsync(answer is null
                        ? $"not applied: no answer (stdin closed). Approve it later with: pve-agent apply {plan.Id}"
                        : $"not applied. It stays saved: pve-agent apply {plan.Id}");
                    return ExitCodes.Refused;
                }
            }

            if (approver == Approver.Unattended)
            {
                planning.Audit.Approval(plan, approver, granted: true);
            }
        }

        var view = new ApplyView(json ? environment.CreateConsole(toError: true) : console, compact);
        ApplyReport report;
        try
        {
            report = await planning.Applier.ApplyAsync(plan, new ApplyOptions { Approved = true, Resume = resume }, new Guardrails.Audit.AuditingProgress(planning.Audit, view), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new UserFacingException(
                $"interrupted while applying plan {plan.Id}; what was sent is in the journal",
                $"resume it with: pve-agent apply {plan.Id} --resume (actions already sent are awaited, never sent twice)",
                ExitCodes.Cancelled);
        }

        if (json)
        {
            await environment.Out.WriteLineAsync(PlanJson.SerializeReport(report));
        }
        else if (!compact || report.Status is ApplyStatus.Refused or ApplyStatus.Stale)
        {
            ApplyView.RenderReport(console, report);
        }

        return report.Status switch
        {
            ApplyStatus.Applied => ExitCodes.Success,
            ApplyStatus.Failed => ExitCodes.Error,
            _ => ExitCodes.Refused,
        };
    }

    private async Task<int> RefuseAsync(Plan plan, string reason)
    {
        if (json)
        {
            await environment.Out.WriteLineAsync(PlanJson.SerializeReport(new ApplyReport
            {
                PlanId = plan.Id,
                Status = ApplyStatus.Refused,
                Steps = [],
                Summary = "refused: " + reason,
                Reasons = [reason],
            }));
        }

        await environment.Error.WriteLineAsync($"refused: {reason}");
        await environment.Error.WriteLineAsync($"plan {plan.Id} stays saved (pve-agent plans); change the intent or the guardrails in cluster.yaml");
        return ExitCodes.Refused;
    }
}
