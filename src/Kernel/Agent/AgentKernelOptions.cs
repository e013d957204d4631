namespace PveAgent.Kernel.Agent;

/// <summary>Settings of <see cref="AgentKernel"/>; the defaults suit a 7B local model.</summary>
public sealed class AgentKernelOptions
{
    /// <summary>Model round trips per request, 1–20; default 6. When reached, the plan so far is returned with a warning.</summary>
    public int MaxRounds { get; set; } = 6;

    /// <summary>
    /// How much of one tool result the model sees, in tokens (about 4 characters each), at least 100; default 1,000.
    /// Longer results are cut with a note telling the model to ask for less.
    /// </summary>
    public int ResultBudgetTokens { get; set; } = 1000;

    /// <summary>Identical tool calls (same name and arguments) that end the request, at least 2; default 3 (the second is answered with a warning).</summary>
    public int RepeatStopAt { get; set; } = 3;

    /// <summary>Sampling temperature; default 0, so the same request gets the same plan.</summary>
    public float? Temperature { get; set; } = 0f;

    /// <summary>The model to ask for; null uses the chat client's default model.</summary>
    public string? ModelId { get; set; }

    /// <summary>True to read replies as a stream (some servers only fill in tool calls when streaming); default false.</summary>
    public bool Streaming { get; set; }

    /// <summary>Earlier conversation messages sent along with a request, at most; default 12 (older ones are dropped first).</summary>
    public int MaxHistoryMessages { get; set; } = 12;

    internal AgentKernelOptions Validated()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRounds, 1, nameof(MaxRounds));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxRounds, 20, nameof(MaxRounds));
        ArgumentOutOfRangeException.ThrowIfLessThan(ResultBudgetTokens, 100, nameof(ResultBudgetTokens));
        ArgumentOutOfRangeException.ThrowIfLessThan(RepeatStopAt, 2, nameof(RepeatStopAt));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxHistoryMessages, nameof(MaxHistoryMessages));
        return new AgentKernelOptions
        {
            MaxRounds = MaxRounds,
            ResultBudgetTokens = ResultBudgetTokens,
            RepeatStopAt = RepeatStopAt,
            Temperature = Temperature,
            ModelId = ModelId,
            Streaming = Streaming,
            MaxHistoryMessages = MaxHistoryMessages,
        };
    }
}
