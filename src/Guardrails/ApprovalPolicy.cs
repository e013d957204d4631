using PveAgent.Core.Plans;

namespace PveAgent.Guardrails;

/// <summary>
/// Who may approve a plan: a person always (unless a step is denied); <c>--yes</c> only when <c>guardrails.unattended</c>
/// is true, and never for a destructive step that needs approval.
/// </summary>
public sealed class ApprovalPolicy
{
    private readonly GuardrailPolicy _policy;

    /// <summary>Creates the approval policy of <paramref name="policy"/>.</summary>
    public ApprovalPolicy(GuardrailPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _policy = policy;
    }

    /// <summary>What <paramref name="plan"/> (with verdicts) needs before it may run.</summary>
    public ApprovalCheck Check(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var denied = plan.Steps.Where(s => s.Verdict.Decision == PolicyDecision.Deny).Select(s => s.Index).ToList();
        if (denied.Count > 0)
        {
            return new ApprovalCheck
            {
                CanApply = false,
                Needed = false,
                UnattendedAccepted = false,
                Reason = $"step{Plural(denied)} {string.Join(", ", denied)} {(denied.Count == 1 ? "is" : "are")} denied by the guardrails, so the plan cannot be applied",
            };
        }

        var asking = plan.Steps.Where(s => s.Verdict.Decision == PolicyDecision.NeedsApproval).ToList();
        if (asking.Count == 0)
        {
            return new ApprovalCheck { CanApply = true, Needed = false, UnattendedAccepted = true, Reason = "the guardrails allow every step, so no approval is needed" };
        }

        var which = $"step{Plural(asking)} {string.Join(", ", asking.Select(s => s.Index))} need{(asking.Count == 1 ? "s" : "")} approval";
        var destructive = asking.Where(s => s.Effect == ToolEffect.Destructive).Select(s => s.Index).ToList();
        if (!_policy.Unattended)
        {
            return new ApprovalCheck
            {
                CanApply = true,
                Needed = true,
                UnattendedAccepted = false,
                Reason = $"{which} from a person: --yes is not accepted because guardrails.unattended is false (answer the prompt, or set unattended: true under guardrails)",
            };
        }

        return destructive.Count > 0
            ? new ApprovalCheck
            {
                CanApply = true,
                Needed = true,
                UnattendedAccepted = false,
                Reason = $"{which}; step{Plural(destructive)} {string.Join(", ", destructive)} {(destructive.Count == 1 ? "is" : "are")} destructive, and --yes never approves a destructive step: a person must",
            }
            : new ApprovalCheck { CanApply = true, Needed = true, UnattendedAccepted = true, Reason = $"{which}; guardrails.unattended is true, so --yes may give it" };
    }

    /// <summary>True when approval by <paramref name="approver"/> lets <paramref name="plan"/> run.</summary>
    public bool Accepts(Plan plan, Approver approver)
    {
        var check = Check(plan);
        return check.CanApply && (!check.Needed || approver != Approver.Unattended || check.UnattendedAccepted);
    }

    private static string Plural<T>(IReadOnlyCollection<T> items) => items.Count == 1 ? "" : "s";
}
