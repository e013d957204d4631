namespace PveAgent.Mcp.Plans;

/// <summary>One step of a <see cref="PlanView"/> with its guardrail verdict.</summary>
internal sealed record StepView(int Step, string Tool, string Action, string Decision, IReadOnlyList<string> Reasons);
