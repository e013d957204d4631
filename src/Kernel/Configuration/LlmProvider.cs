namespace PveAgent.Kernel.Configuration;

/// <summary>Which kind of LLM server the planner talks to.</summary>
public enum LlmProvider
{
    /// <summary>Ollama's native API (<c>POST /api/chat</c>); the default, at <c>http://localhost:11434</c>.</summary>
    Ollama,

    /// <summary>Any OpenAI-compatible server: vLLM, llama.cpp's <c>llama-server</c>, LM Studio, Ollama's <c>/v1</c>.</summary>
    OpenAI,
}
