using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace PveAgent.Guardrails.Audit;

/// <summary>Source-generated serialisation of audit lines: snake_case, one line each, nulls left out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(AuditKindConverter)])]
[JsonSerializable(typeof(AuditRecord))]
[JsonSerializable(typeof(JsonNode))]
internal sealed partial class AuditJsonContext : JsonSerializerContext;
