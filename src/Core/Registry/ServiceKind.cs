namespace PveAgent.Core.Registry;

/// <summary>The wire protocol an inference service speaks.</summary>
public enum ServiceKind
{
    /// <summary>vLLM: OpenAI-compatible <c>/v1</c>, Prometheus <c>/metrics</c>.</summary>
    Vllm,

    /// <summary>Ollama: native <c>/api/*</c> and OpenAI-compatible <c>/v1</c>.</summary>
    Ollama,

    /// <summary>llama.cpp server: OpenAI-compatible <c>/v1</c>, <c>/health</c>, <c>/slots</c>, router <c>/models</c>.</summary>
    LlamaCpp,

    /// <summary>An OpenAI-style audio transcription server (<c>/v1/audio/transcriptions</c>), e.g. faster-whisper.</summary>
    Whisper,

    /// <summary>NVIDIA Triton inference server.</summary>
    Triton,
}
