using System.Text.Json;
using System.Text.Json.Serialization;

namespace PveAgent.Core.Telemetry.Wire;

/// <summary>Source-generated (reflection-free) JSON metadata for the telemetry wire shapes.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    AllowTrailingCommas = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(OllamaModelListDto))]
[JsonSerializable(typeof(OllamaVersionDto))]
[JsonSerializable(typeof(ModelListDto))]
[JsonSerializable(typeof(List<SlotDto>))]
internal sealed partial class TelemetryJsonContext : JsonSerializerContext;
