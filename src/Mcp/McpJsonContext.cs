using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using PveAgent.Mcp.Plans;

namespace PveAgent.Mcp;

/// <summary>Source-generated JSON for what the server's own tools answer: compact snake_case, nulls omitted.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PlanView))]
[JsonSerializable(typeof(PlanListView))]
internal sealed partial class McpJsonContext : JsonSerializerContext
{
    /// <summary>As <see cref="Default"/>, without escaping quotes and non-ASCII: the readers are models, and escapes cost tokens.</summary>
    public static McpJsonContext Wire => LazyWire.Value;

    // Lazy: the generated Default lives in another part of this class, and static initialisers across parts run in no set order.
    private static readonly Lazy<McpJsonContext> LazyWire = new(CreateWire);

    private static McpJsonContext CreateWire() =>
        new(new JsonSerializerOptions(Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, TypeInfoResolver = null });
}
