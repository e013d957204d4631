namespace PveAgent.Core.Telemetry;

/// <summary>A model listed by an OpenAI-compatible <c>/v1/models</c> (vLLM, llama.cpp, whisper servers).</summary>
public sealed record ServedModel
{
    /// <summary>The id clients send as <c>model</c> (vLLM's <c>--served-model-name</c>, llama.cpp's <c>-m</c> path or alias).</summary>
    public required string Id { get; init; }

    /// <summary>Owner, e.g. <c>vllm</c> or <c>llamacpp</c>.</summary>
    public string? OwnedBy { get; init; }

    /// <summary>vLLM: the base model path (also set on LoRA adapters, which share it).</summary>
    public string? Root { get; init; }

    /// <summary>vLLM: the base model of a LoRA adapter, when the server exposes the lineage.</summary>
    public string? Parent { get; init; }

    /// <summary>vLLM: maximum context length (<c>max_model_len</c>).</summary>
    public int? MaxModelLength { get; init; }

    /// <summary>llama.cpp: context length the model was trained with (<c>meta.n_ctx_train</c>).</summary>
    public int? TrainedContextLength { get; init; }

    /// <summary>llama.cpp: parameter count (<c>meta.n_params</c>).</summary>
    public long? ParameterCount { get; init; }

    /// <summary>llama.cpp: model size in bytes (<c>meta.size</c>).</summary>
    public long? SizeBytes { get; init; }

    /// <summary>Input modalities, e.g. <c>text</c>, <c>image</c> (newer llama.cpp).</summary>
    public IReadOnlyList<string> InputModalities { get; init; } = [];

    /// <summary>Output modalities.</summary>
    public IReadOnlyList<string> OutputModalities { get; init; } = [];

    /// <summary>True for a vLLM LoRA adapter whose parent is exposed.</summary>
    public bool IsAdapter => Parent is not null;
}
