namespace PveAgent.Mcp.Plans;

/// <summary>A plan as an MCP client is shown it after a write call, <c>plan_propose</c> or a <c>plan_apply</c> that waits for a person.</summary>
internal sealed record PlanView
{
    public required string Plan { get; init; }

    /// <summary>Where the plan is: <c>waiting for approval</c>, <c>proposed</c>, <c>denied</c>, <c>rejected</c>.</summary>
    public required string Status { get; init; }

    public required string Summary { get; init; }

    public required IReadOnlyList<StepView> Steps { get; init; }

    /// <summary>Who must approve and how (never the model).</summary>
    public string? Approval { get; init; }

    /// <summary>What happens next, in one sentence.</summary>
    public string? Next { get; init; }
}
