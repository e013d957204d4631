using System.Text.Json;
using PveAgent.Core.Plans;

namespace PveAgent.Kernel.Planning;

/// <summary>A planner's answer to one intent: a plan, a read-only answer, a refusal with its reasons, or "not understood" with examples.</summary>
public sealed record PlanningResult
{
    /// <summary>Which of the four it is.</summary>
    public required PlanningOutcome Outcome { get; init; }

    /// <summary>What to tell the person, in plain text (the answer, the plan's summary, or why not).</summary>
    public required string Text { get; init; }

    /// <summary>The plan, for <see cref="PlanningOutcome.Plan"/>.</summary>
    public Plan? Plan { get; init; }

    /// <summary>Results of the read tools the answer or plan was built from, as the tools returned them (compact JSON).</summary>
    public IReadOnlyList<JsonElement> Data { get; init; } = [];

    /// <summary>Why the intent could not be planned as asked, one line per problem.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>Intents this planner understands, for <see cref="PlanningOutcome.NotUnderstood"/>.</summary>
    public IReadOnlyList<string> Examples { get; init; } = [];

    /// <summary>Who planned: <c>rule-based</c> or <c>llm:&lt;model&gt;</c> (also recorded in the plan).</summary>
    public string Planner { get; init; } = "rule-based";

    /// <summary>Requests sent to the LLM for this intent (0 for the rule-based planner).</summary>
    public int LlmRoundTrips { get; init; }

    /// <summary>Something the person should know about how the answer was made, e.g. that no LLM was reachable and the rule-based planner stood in.</summary>
    public string? Notice { get; init; }
}
