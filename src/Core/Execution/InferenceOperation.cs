namespace PveAgent.Core.Execution;

/// <summary>What an inference request asks a server to do.</summary>
public enum InferenceOperation
{
    /// <summary>A chat turn (<c>/v1/chat/completions</c>, Ollama <c>/api/chat</c>), streamed.</summary>
    Chat,

    /// <summary>Plain text completion of a prompt (<c>/v1/completions</c>, Ollama <c>/api/generate</c>), streamed.</summary>
    Completion,

    /// <summary>Embedding vectors of the input (<c>/v1/embeddings</c>, Ollama <c>/api/embed</c>).</summary>
    Embeddings,

    /// <summary>Speech to text of an audio file (<c>/v1/audio/transcriptions</c>).</summary>
    Transcription,
}
