using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PveAgent.Simulator.Inference;

/// <summary>Source-generated serialisation of the persisted inference state.</summary>
[JsonSerializable(typeof(InferenceState))]
internal sealed partial class InferenceStateJsonContext : JsonSerializerContext
{
    /// <summary>snake_case, nulls omitted, and readable instants (<c>+00:00</c> rather than <c>\u002B00:00</c>) in the state file.</summary>
    public static InferenceStateJsonContext State { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
