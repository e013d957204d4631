using System.Text.Json;

namespace PveAgent.Plugins.Planning;

/// <summary>
/// Checks a call's arguments against its tool's schema before the tool runs: an object, no unknown names, every
/// required one present, each of the declared JSON type. A null for an optional argument means "left out". Nothing is
/// coerced here — repairing a model's near-misses is the kernel's tool-call repairer's job, before the session.
/// </summary>
internal static class ArgumentCheck
{
    /// <summary>The arguments to bind, or the problems in one sentence each.</summary>
    public static (Dictionary<string, object?>? Arguments, IReadOnlyList<string> Problems) Validate(ToolDescriptor tool, JsonElement arguments)
    {
        var problems = new List<string>();
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (arguments.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            arguments = ToolArguments.None;
        }

        if (arguments.ValueKind != JsonValueKind.Object)
        {
            return (null, [$"arguments must be a JSON object, not {Kind(arguments.ValueKind)}"]);
        }

        var properties = tool.Schema.TryGetProperty("properties", out var declared) && declared.ValueKind == JsonValueKind.Object
            ? declared.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal)
            : [];
        var required = tool.Schema.TryGetProperty("required", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(r => r.GetString()!).ToHashSet(StringComparer.Ordinal)
            : [];

        foreach (var argument in arguments.EnumerateObject())
        {
            if (!properties.TryGetValue(argument.Name, out var schema))
            {
                var near = properties.Keys.OrderBy(k => NameDistance.Between(argument.Name, k)).FirstOrDefault(k => NameDistance.Between(argument.Name, k) <= 2);
                problems.Add($"unknown argument '{argument.Name}'{(near is null ? "" : $" (did you mean '{near}'?)")}");
                continue;
            }

            if (argument.Value.ValueKind == JsonValueKind.Null && !required.Contains(argument.Name))
            {
                continue;
            }

            var expected = schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;
            if (expected is not null && !Matches(expected, argument.Value))
            {
                problems.Add($"'{argument.Name}' must be {Article(expected)}, got {Kind(argument.Value.ValueKind)} {Shorten(argument.Value)}");
                continue;
            }

            result[argument.Name] = argument.Value.Clone();
        }

        foreach (var name in required)
        {
            if (!arguments.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                problems.Add($"missing required argument '{name}'");
            }
        }

        return problems.Count == 0 ? (result, []) : (null, problems);
    }

    /// <summary>"guest (string, required), target (string)", for the error message.</summary>
    public static string Describe(ToolDescriptor tool)
    {
        if (!tool.Schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object || !properties.EnumerateObject().Any())
        {
            return "it takes no arguments";
        }

        var required = tool.Schema.TryGetProperty("required", out var list) ? list.EnumerateArray().Select(r => r.GetString()).ToHashSet() : [];
        return "arguments: " + string.Join(", ", properties.EnumerateObject().Select(p =>
            $"{p.Name} ({(p.Value.TryGetProperty("type", out var t) ? t.ToString() : "any")}{(required.Contains(p.Name) ? ", required" : "")})"));
    }

    private static bool Matches(string type, JsonElement value) => type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        _ => true,
    };

    private static string Article(string type) => type is "integer" or "object" or "array" ? "an " + type : "a " + type;

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "null",
    };

    private static string Shorten(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length <= 40 ? text : text[..37] + "...";
    }
}
