namespace PveAgent.Core.Execution;

/// <summary>Token counts and server-side timings, as far as the server reported them (null where it did not).</summary>
public sealed record InferenceUsage
{
    /// <summary>Prompt (input) tokens.</summary>
    public int? PromptTokens { get; init; }

    /// <summary>Generated tokens.</summary>
    public int? CompletionTokens { get; init; }

    /// <summary>The server's own total time (Ollama <c>total_duration</c>).</summary>
    public TimeSpan? ServerTotal { get; init; }

    /// <summary>Time the server spent loading the model (Ollama <c>load_duration</c>).</summary>
    public TimeSpan? Load { get; init; }

    /// <summary>Prompt processing time (Ollama <c>prompt_eval_duration</c>, llama.cpp <c>timings.prompt_ms</c>).</summary>
    public TimeSpan? PromptProcessing { get; init; }

    /// <summary>Generation time (Ollama <c>eval_duration</c>, llama.cpp <c>timings.predicted_ms</c>).</summary>
    public TimeSpan? Generation { get; init; }

    /// <summary>Generated tokens per second of generation time, when both are known.</summary>
    public double? TokensPerSecond =>
        CompletionTokens is { } tokens && Generation is { TotalSeconds: > 0 } time ? tokens / time.TotalSeconds : null;
}
