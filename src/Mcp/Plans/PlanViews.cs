using PveAgent.Core.Plans;

namespace PveAgent.Mcp.Plans;

/// <summary>Builds the <see cref="PlanView"/> a client is shown.</summary>
internal static class PlanViews
{
    public static PlanView Of(Plan plan, string status, string? approval = null, string? next = null) => new()
    {
        Plan = plan.Id,
        Status = status,
        Summary = plan.Summary,
        Steps = [.. plan.Steps.Select(s => new StepView(s.Index, s.Tool, s.Action.Describe(), DecisionName(s.Verdict.Decision), s.Verdict.Reasons))],
        Approval = approval,
        Next = next,
    };

    /// <summary>A decision as the audit log writes it.</summary>
    public static string DecisionName(PolicyDecision decision) => decision switch
    {
        PolicyDecision.Allow => "allow",
        PolicyDecision.NeedsApproval => "needs approval",
        _ => "denied",
    };

    /// <summary>A plan status in words.</summary>
    public static string StatusName(PlanStatus status) => status.ToString().ToLowerInvariant();
}
