using PveAgent.Core.Registry;
using PveAgent.Core.Routing;

namespace PveAgent.Core.Execution;

/// <summary>The executor of each protocol, and the choice of one by service kind and task type.</summary>
public sealed class InferenceExecutors
{
    /// <summary>Creates the executors on one HTTP client (whose own timeout should be infinite).</summary>
    public InferenceExecutors(HttpClient http, TimeProvider? timeProvider = null, InferenceExecutorOptions? options = null)
        : this(new OpenAICompatibleExecutor(http, timeProvider, options), new OllamaNativeExecutor(http, timeProvider, options), new AudioTranscriptionExecutor(http, timeProvider, options))
    {
    }

    /// <summary>Creates the selection over the given executors (tests pass their own).</summary>
    public InferenceExecutors(IInferenceExecutor openAICompatible, IInferenceExecutor ollamaNative, IInferenceExecutor audioTranscription)
    {
        ArgumentNullException.ThrowIfNull(openAICompatible);
        ArgumentNullException.ThrowIfNull(ollamaNative);
        ArgumentNullException.ThrowIfNull(audioTranscription);
        OpenAICompatible = openAICompatible;
        OllamaNative = ollamaNative;
        AudioTranscription = audioTranscription;
    }

    /// <summary>For vLLM and llama.cpp (<c>/v1</c>).</summary>
    public IInferenceExecutor OpenAICompatible { get; }

    /// <summary>For Ollama (<c>/api</c>).</summary>
    public IInferenceExecutor OllamaNative { get; }

    /// <summary>For whisper servers (<c>/v1/audio/transcriptions</c>).</summary>
    public IInferenceExecutor AudioTranscription { get; }

    /// <summary>
    /// The executor for <paramref name="type"/> on a <paramref name="kind"/> service: text generation and embeddings go to
    /// Ollama's native API on Ollama and to the OpenAI-compatible API on vLLM and llama.cpp; speech to text goes to the
    /// audio endpoint of whisper servers and vLLM.
    /// </summary>
    public ExecutorChoice Select(ServiceKind kind, TaskType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type == TaskType.SpeechToText)
        {
            return kind is ServiceKind.Whisper or ServiceKind.Vllm
                ? new ExecutorChoice { Executor = AudioTranscription, Operation = InferenceOperation.Transcription }
                : Unsupported(kind, type);
        }

        var operation = type == TaskType.Embeddings ? InferenceOperation.Embeddings
            : type == TaskType.LlmInference || type == TaskType.SmallLlmInference ? InferenceOperation.Chat
            : (InferenceOperation?)null;
        if (operation is not { } chosen)
        {
            return new ExecutorChoice { Unsupported = $"PveAgent cannot run {type} tasks through an inference service yet (it runs llm-inference, small-llm-inference, embeddings and speech-to-text)." };
        }

        return kind switch
        {
            ServiceKind.Ollama => new ExecutorChoice { Executor = OllamaNative, Operation = chosen },
            ServiceKind.Vllm or ServiceKind.LlamaCpp => new ExecutorChoice { Executor = OpenAICompatible, Operation = chosen },
            _ => Unsupported(kind, type),
        };
    }

    private static ExecutorChoice Unsupported(ServiceKind kind, TaskType type) =>
        new() { Unsupported = $"a {kind.ToString().ToLowerInvariant()} service cannot run {type} tasks" };
}
