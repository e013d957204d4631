using System.Text.Json.Serialization;

namespace PveAgent.Simulator.Inference;

/// <summary>Source-generated serialisation of the persisted inference state.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(InferenceState))]
internal sealed partial class InferenceStateJsonContext : JsonSerializerContext;
