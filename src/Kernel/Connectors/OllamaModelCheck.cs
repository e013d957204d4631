namespace PveAgent.Kernel.Connectors;

/// <summary>Whether a model can be used on an Ollama server, checked before the first request.</summary>
/// <param name="Model">The model name asked about.</param>
/// <param name="InstalledName">The installed name it resolved to (<c>llama3.2</c> → <c>llama3.2:latest</c>), or null when not pulled.</param>
/// <param name="Capabilities">The capabilities <c>POST /api/show</c> reported, or null when the server does not report them.</param>
/// <param name="ContextLength">The model's trained context length from <c>model_info</c>, when reported.</param>
/// <param name="Problem">What stands in the way and how to fix it, or null when the model is usable.</param>
public sealed record OllamaModelCheck(
    string Model,
    string? InstalledName,
    IReadOnlyList<string>? Capabilities,
    long? ContextLength,
    string? Problem)
{
    /// <summary>True when the model is pulled.</summary>
    public bool IsPulled => InstalledName is not null;

    /// <summary>True when the server says the model can call tools, false when it says it cannot, null when it does not say.</summary>
    public bool? SupportsTools => Capabilities?.Contains("tools", StringComparer.OrdinalIgnoreCase);

    /// <summary>True when nothing stands in the way.</summary>
    public bool IsUsable => Problem is null;
}
