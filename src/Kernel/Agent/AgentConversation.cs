using System.Text;
using Microsoft.Extensions.AI;
using PveAgent.Core.Plans;
using PveAgent.Kernel.Planning;
using PveAgent.Plugins;

namespace PveAgent.Kernel.Agent;

/// <summary>
/// A chat with the planner: each message is planned with the conversation so far as context (what was asked, what was
/// answered, which plans were proposed, applied or rejected), so "change step 2 to pve3" refers to the last plan.
/// Only text travels in the history — tool results are re-read per request — which keeps every request small.
/// </summary>
/// <remarks>One person at a time: not thread-safe.</remarks>
public sealed class AgentConversation
{
    private readonly Func<ToolContext> _newContext;
    private readonly List<ChatMessage> _history = [];

    /// <summary>A conversation planned by <paramref name="planner"/>, with a fresh tool context per request from <paramref name="newContext"/>.</summary>
    public AgentConversation(AgentPlanner planner, Func<ToolContext> newContext)
    {
        ArgumentNullException.ThrowIfNull(planner);
        ArgumentNullException.ThrowIfNull(newContext);
        Planner = planner;
        _newContext = newContext;
    }

    /// <summary>The planner (for its model and its fallback state).</summary>
    public AgentPlanner Planner { get; private set; }

    /// <summary>The conversation so far, as sent to the model.</summary>
    public IReadOnlyList<ChatMessage> History => _history;

    /// <summary>The last planning result.</summary>
    public PlanningResult? Last { get; private set; }

    /// <summary>The last plan proposed in this conversation (null after <see cref="Clear"/>).</summary>
    public Plan? LastPlan { get; private set; }

    /// <summary>Plans <paramref name="text"/> in the context of the conversation so far and remembers both.</summary>
    public async Task<PlanningResult> SendAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var result = await Planner.PlanAsync(text, _newContext, [.. _history], cancellationToken).ConfigureAwait(false);
        _history.Add(new ChatMessage(ChatRole.User, text.Trim()));
        _history.Add(new ChatMessage(ChatRole.Assistant, Remembered(result)));
        Last = result;
        if (result.Plan is { } plan)
        {
            LastPlan = plan;
        }

        return result;
    }

    /// <summary>Adds what happened outside the model's sight (a plan applied, rejected or undone) so later requests know it.</summary>
    public void Note(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        _history.Add(new ChatMessage(ChatRole.Assistant, "[PveAgent] " + text.Trim()));
    }

    /// <summary>Plans with <paramref name="planner"/> from now on (another model), keeping the conversation.</summary>
    public void UsePlanner(AgentPlanner planner)
    {
        ArgumentNullException.ThrowIfNull(planner);
        Planner = planner;
    }

    /// <summary>Forgets the conversation.</summary>
    public void Clear()
    {
        _history.Clear();
        Last = null;
        LastPlan = null;
    }

    /// <summary>What the model is reminded of: the answer, and the plan's steps as tool calls.</summary>
    /// <remarks>Escaped: a rule-based answer quotes cluster text (guest names) outside any data delimiter.</remarks>
    internal static string Remembered(PlanningResult result)
    {
        var text = new StringBuilder(UntrustedText.EscapeMarkup(result.Text.Trim()));
        if (result.Plan is { } plan)
        {
            text.Append("\n[PveAgent] Proposed plan ").Append(plan.Id).Append(" (not applied yet):");
            foreach (var step in plan.Steps)
            {
                text.Append('\n').Append(step.Index).Append(") ").Append(step.Tool).Append(' ').Append(UntrustedText.Escape(step.Arguments.GetRawText(), 200));
            }
        }

        return text.ToString();
    }
}
