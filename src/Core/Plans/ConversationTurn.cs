namespace PveAgent.Core.Plans;

/// <summary>One turn of a chat conversation, kept with the plans it led to.</summary>
public sealed record ConversationTurn
{
    /// <summary>The conversation.</summary>
    public required string ConversationId { get; init; }

    /// <summary>1-based position in the conversation, assigned by the store.</summary>
    public required int Turn { get; init; }

    /// <summary><c>user</c>, <c>assistant</c>, <c>tool</c> or <c>system</c>.</summary>
    public required string Role { get; init; }

    /// <summary>The text (secrets masked).</summary>
    public required string Content { get; init; }

    /// <summary>The plan this turn made or referred to, when any.</summary>
    public string? PlanId { get; init; }

    /// <summary>When it was said.</summary>
    public required DateTimeOffset At { get; init; }
}
