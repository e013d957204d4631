namespace PveAgent.Core.Execution;

/// <summary>What an inference request produced.</summary>
public sealed record InferenceResult
{
    /// <summary>
    /// The output text: the whole generated answer, the transcript, or for embeddings the vectors as a JSON array of
    /// arrays (what a person piping the output wants).
    /// </summary>
    public required string Text { get; init; }

    /// <summary>Model as the server reported it, when it did.</summary>
    public string? Model { get; init; }

    /// <summary>Why generation stopped (<c>stop</c>, <c>length</c> …), when reported.</summary>
    public string? FinishReason { get; init; }

    /// <summary>Embedding vectors, one per input (embeddings only).</summary>
    public IReadOnlyList<IReadOnlyList<float>> Embeddings { get; init; } = [];

    /// <summary>Token counts and server timings, when the server sent any.</summary>
    public InferenceUsage? Usage { get; init; }

    /// <summary>Measured time from sending the request to the last byte of the answer.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Measured time until the first output text arrived.</summary>
    public TimeSpan? TimeToFirstOutput { get; init; }
}
