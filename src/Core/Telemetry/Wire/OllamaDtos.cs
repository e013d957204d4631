namespace PveAgent.Core.Telemetry.Wire;

// Wire shapes of Ollama's /api/ps, /api/tags and /api/version (api/types.go); only the fields PveAgent reads.

internal sealed class OllamaModelListDto
{
    public List<OllamaModelDto>? Models { get; init; }
}

internal sealed class OllamaModelDto
{
    public string? Name { get; init; }

    public string? Model { get; init; }

    public long? Size { get; init; }

    public long? SizeVram { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public DateTimeOffset? ModifiedAt { get; init; }

    public int? ContextLength { get; init; }

    public string? Digest { get; init; }

    public OllamaDetailsDto? Details { get; init; }
}

internal sealed class OllamaDetailsDto
{
    public string? Format { get; init; }

    public string? Family { get; init; }

    public string? ParameterSize { get; init; }

    public string? QuantizationLevel { get; init; }
}

internal sealed class OllamaVersionDto
{
    public string? Version { get; init; }
}
