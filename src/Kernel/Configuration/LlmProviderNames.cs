namespace PveAgent.Kernel.Configuration;

/// <summary>The names a provider is written with in cluster.yaml, environment variables and CLI flags.</summary>
public static class LlmProviderNames
{
    /// <summary>What to write, for messages: <c>ollama</c> or <c>openai</c>.</summary>
    public const string Choices = "ollama or openai (openai: any OpenAI-compatible server — vLLM, llama.cpp, LM Studio)";

    /// <summary>Reads <c>ollama</c>, <c>openai</c> or a server that speaks the OpenAI API (<c>vllm</c>, <c>llama.cpp</c>, <c>lmstudio</c>), ignoring case.</summary>
    public static bool TryParse(string? text, out LlmProvider provider)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "ollama":
                provider = LlmProvider.Ollama;
                return true;
            case "openai" or "openai-compatible" or "vllm" or "llamacpp" or "llama.cpp" or "llama-server" or "lmstudio" or "lm-studio":
                provider = LlmProvider.OpenAI;
                return true;
            default:
                provider = default;
                return false;
        }
    }

    /// <summary>The canonical name: <c>ollama</c> or <c>openai</c>.</summary>
    public static string Name(LlmProvider provider) => provider == LlmProvider.Ollama ? "ollama" : "openai";
}
