using System.Text.Json;

namespace PveAgent.Core.Telemetry.Wire;

// Wire shapes of /v1/models (vLLM, llama.cpp) and llama.cpp's router /models, /slots; only the fields PveAgent reads.

internal sealed class ModelListDto
{
    public List<ModelCardDto>? Data { get; init; }
}

internal sealed class ModelCardDto
{
    public string? Id { get; init; }

    public string? OwnedBy { get; init; }

    public long? Created { get; init; }

    public string? Root { get; init; }

    public string? Parent { get; init; }

    public int? MaxModelLen { get; init; }

    public string? Path { get; init; }

    public LlamaCppMetaDto? Meta { get; init; }

    public ArchitectureDto? Architecture { get; init; }

    // An object {"value": …} in current llama.cpp; kept raw so another shape does not fail the whole list.
    public JsonElement? Status { get; init; }
}

internal sealed class LlamaCppMetaDto
{
    public int? NCtxTrain { get; init; }

    public long? NParams { get; init; }

    public long? Size { get; init; }
}

internal sealed class ArchitectureDto
{
    public List<string>? InputModalities { get; init; }

    public List<string>? OutputModalities { get; init; }
}

internal sealed class SlotDto
{
    public int? Id { get; init; }

    public bool? IsProcessing { get; init; }

    // Builds before is_processing reported state: 0 idle, 1 processing.
    public int? State { get; init; }

    public int? NCtx { get; init; }
}
