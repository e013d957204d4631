namespace PveAgent.Mcp.Plans;

/// <summary>One line of <c>plan_list</c>.</summary>
internal sealed record PlanRow(string Id, string Status, string Intent, DateTimeOffset Created);
