namespace PveAgent.Kernel.Configuration;

/// <summary>The LLM settings given on the command line (<c>--llm-provider</c>, <c>--llm-url</c>, <c>--llm-model</c>), as typed; null when not given.</summary>
/// <param name="Provider"><c>--llm-provider</c>: <c>ollama</c> or <c>openai</c>.</param>
/// <param name="Url"><c>--llm-url</c>: the server's base URL.</param>
/// <param name="Model"><c>--llm-model</c>: the model name.</param>
public sealed record AgentOverrides(string? Provider = null, string? Url = null, string? Model = null)
{
    /// <summary>Nothing given.</summary>
    public static AgentOverrides None { get; } = new();
}
