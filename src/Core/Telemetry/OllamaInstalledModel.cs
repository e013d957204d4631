namespace PveAgent.Core.Telemetry;

/// <summary>A model an Ollama server has on disk and can load (<c>/api/tags</c>).</summary>
public sealed record OllamaInstalledModel
{
    /// <summary>Model name, e.g. <c>llama3.2:latest</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Size on disk in bytes.</summary>
    public long? SizeBytes { get; init; }

    /// <summary>When the model was last pulled or changed.</summary>
    public DateTimeOffset? ModifiedAt { get; init; }

    /// <summary>Model family, e.g. <c>llama</c>.</summary>
    public string? Family { get; init; }

    /// <summary>Parameter size as Ollama prints it, e.g. <c>3.2B</c>.</summary>
    public string? ParameterSize { get; init; }

    /// <summary>Quantization, e.g. <c>Q4_K_M</c>.</summary>
    public string? QuantizationLevel { get; init; }
}
