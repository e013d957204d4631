namespace PveAgent.Core.Routing;

/// <summary>A unit of AI work to place: what it is, which model, how urgent, and the limits the placement must respect.</summary>
public sealed record TaskRequest
{
    /// <summary>What kind of work it is.</summary>
    public required TaskType Type { get; init; }

    /// <summary>Model to use, as the service names it; null lets the router pick a suitable model a service already has.</summary>
    public string? Model { get; init; }

    /// <summary>The input (prompt, file path …); the router only uses its length when <see cref="TaskSize.PromptTokens"/> is unknown.</summary>
    public string? Input { get; init; }

    /// <summary>Urgency (default <see cref="TaskPriority.Normal"/>).</summary>
    public TaskPriority Priority { get; init; } = TaskPriority.Normal;

    /// <summary>Hard limits on the placement.</summary>
    public TaskConstraints Constraints { get; init; } = TaskConstraints.None;

    /// <summary>How much work it is, for duration estimates.</summary>
    public TaskSize Size { get; init; } = TaskSize.Default;

    /// <summary>Prompt tokens: the stated figure, else the input's length over four, else 512.</summary>
    public int PromptTokens => Size.PromptTokens ?? (Input is { Length: > 0 } input ? Math.Max(1, input.Length / 4) : 512);
}
