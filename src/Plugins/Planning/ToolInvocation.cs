using System.Text.Json;
using PveAgent.Core.Plans;

namespace PveAgent.Plugins.Planning;

/// <summary>The outcome of one tool call through a <see cref="PlanningSession"/>: what to show the caller, and the typed value.</summary>
public sealed record ToolInvocation
{
    /// <summary>Tool name as called.</summary>
    public required string Tool { get; init; }

    /// <summary>Result, queued step, or error.</summary>
    public required ToolInvocationKind Kind { get; init; }

    /// <summary>
    /// The compact JSON for the caller (the LLM, the MCP client): the read result; <c>{"queued_as_step":N,"summary":…,"runs":"after approval"}</c>;
    /// or <c>{"error":…,"did_you_mean":[…]}</c>.
    /// </summary>
    public required JsonElement Json { get; init; }

    /// <summary>The typed result: a read tool's record, the tool's <see cref="ToolError"/>, or the <see cref="ProposedStep"/>.</summary>
    public ToolResult? Result { get; init; }

    /// <summary>The step added, for <see cref="ToolInvocationKind.Queued"/>.</summary>
    public PlanStep? Step { get; init; }

    /// <summary>The error, for <see cref="ToolInvocationKind.Error"/>.</summary>
    public ToolError? Error => Result as ToolError;
}
