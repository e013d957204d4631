using System.Text.Json;
using System.Text.Json.Serialization;

namespace PveAgent.Guardrails.Audit;

/// <summary>Audit kinds as kebab-case names (<c>plan-created</c>); numbers are rejected.</summary>
internal sealed class AuditKindConverter() : JsonStringEnumConverter<AuditKind>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false);
