using System.Text.Json;
using System.Text.Json.Serialization;

namespace PveAgent.Core.Plans.Json;

/// <summary>Enums as kebab-case names (<c>needs-approval</c>, <c>qemu</c>); numbers are rejected, so a hand-edited plan cannot smuggle in a value.</summary>
internal sealed class KebabCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;
