namespace PveAgent.Core.Execution;

/// <summary>One request to an inference server: where, what, and the input.</summary>
public sealed record InferenceRequest
{
    /// <summary>The server's base URL (e.g. <c>http://192.168.0.183:11434/</c>); endpoint paths are resolved against it.</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>What to ask for.</summary>
    public required InferenceOperation Operation { get; init; }

    /// <summary>Model as the server names it; null lets a server that serves one model use it (vLLM, llama.cpp, whisper).</summary>
    public string? Model { get; init; }

    /// <summary>The prompt (chat, completion) or the text to embed.</summary>
    public string Prompt { get; init; } = "";

    /// <summary>A system message before the prompt (chat) or Ollama's <c>system</c> (completion); null for none.</summary>
    public string? SystemPrompt { get; init; }

    /// <summary>Most tokens to generate; null leaves it to the server.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>The audio to transcribe (the file's bytes, any format the server reads).</summary>
    public ReadOnlyMemory<byte> Audio { get; init; }

    /// <summary>File name sent with the audio (servers guess the format from it); default <c>audio.wav</c>.</summary>
    public string AudioFileName { get; init; } = "audio.wav";

    /// <summary>Spoken language as an ISO-639-1 code (<c>en</c>); null lets the server detect it.</summary>
    public string? Language { get; init; }
}
