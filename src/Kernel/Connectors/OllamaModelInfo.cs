namespace PveAgent.Kernel.Connectors;

/// <summary>A model installed on an Ollama server (one entry of <c>GET /api/tags</c>).</summary>
/// <param name="Name">The model's name with tag, e.g. <c>llama3.2:latest</c>.</param>
/// <param name="SizeBytes">Size on disk in bytes.</param>
/// <param name="Family">Model family, e.g. <c>llama</c> or <c>qwen2</c>.</param>
/// <param name="ParameterSize">Parameter count as Ollama reports it, e.g. <c>3.2B</c>.</param>
/// <param name="QuantizationLevel">Quantisation, e.g. <c>Q4_K_M</c>.</param>
/// <param name="Capabilities">Capabilities when the server lists them here (newer servers), e.g. <c>completion</c>, <c>tools</c>.</param>
public sealed record OllamaModelInfo(
    string Name,
    long? SizeBytes,
    string? Family,
    string? ParameterSize,
    string? QuantizationLevel,
    IReadOnlyList<string>? Capabilities);
