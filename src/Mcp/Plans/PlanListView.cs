namespace PveAgent.Mcp.Plans;

/// <summary>What <c>plan_list</c> answers.</summary>
internal sealed record PlanListView(IReadOnlyList<PlanRow> Plans);
