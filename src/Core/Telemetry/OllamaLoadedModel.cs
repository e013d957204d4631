namespace PveAgent.Core.Telemetry;

/// <summary>A model resident in an Ollama server (<c>/api/ps</c>).</summary>
public sealed record OllamaLoadedModel
{
    /// <summary>Model name, e.g. <c>mistral:latest</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Total size in bytes.</summary>
    public long? SizeBytes { get; init; }

    /// <summary>Bytes held in GPU memory (0 = running on the CPU, less than <see cref="SizeBytes"/> = split).</summary>
    public long? VramBytes { get; init; }

    /// <summary>When Ollama will unload the model (far in the future for <c>keep_alive: -1</c>).</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Context length it was loaded with (Ollama ≥ 0.10).</summary>
    public int? ContextLength { get; init; }

    /// <summary>Parameter size as Ollama prints it, e.g. <c>7.2B</c>.</summary>
    public string? ParameterSize { get; init; }

    /// <summary>Quantization, e.g. <c>Q4_0</c>.</summary>
    public string? QuantizationLevel { get; init; }

    /// <summary>Share of the model in GPU memory, 0–1, when both sizes are known.</summary>
    public double? GpuFraction => SizeBytes is > 0 and var size && VramBytes is { } vram ? Math.Min(1, (double)vram / size) : null;
}
