using System.Text.Json.Serialization;
using PveAgent.Core.State;

namespace PveAgent.Core.Plans.Json;

/// <summary>Source-generated serialisation of plans and apply reports (snake_case, kebab-case enum values, strict on reading).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    Converters =
    [
        typeof(KebabCaseEnumConverter<ToolEffect>),
        typeof(KebabCaseEnumConverter<PolicyDecision>),
        typeof(KebabCaseEnumConverter<GuestType>),
        typeof(KebabCaseEnumConverter<NodeStatus>),
        typeof(KebabCaseEnumConverter<ApplyStatus>),
        typeof(KebabCaseEnumConverter<StepStatus>),
    ])]
[JsonSerializable(typeof(PlanDocument))]
[JsonSerializable(typeof(ApplyReport))]
[JsonSerializable(typeof(ClusterAction))]
internal sealed partial class PlanJsonContext : JsonSerializerContext;
