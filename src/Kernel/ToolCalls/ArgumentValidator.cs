using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PveAgent.Kernel.ToolCalls;

/// <summary>
/// Checks arguments against a tool's schema and coerces only what is unambiguous given the schema: a string holding an
/// integer where an integer is expected, "true"/"false" for a boolean, a JSON array (object) serialised into a string
/// where an array (object) is expected, a number where a string is expected (its exact digits), a null for an optional
/// argument (dropped). Everything else is reported, never guessed.
/// </summary>
internal static partial class ArgumentValidator
{
    /// <summary>The outcome: the coerced arguments when there were no problems, what was repaired, and the problems.</summary>
    public sealed record Outcome(Dictionary<string, JsonElement>? Arguments, IReadOnlyList<string> Repairs, IReadOnlyList<string> Problems);

    /// <summary>Validates a call's arguments object against its tool schema.</summary>
    public static Outcome Validate(ToolArgumentSchema schema, IReadOnlyDictionary<string, JsonElement> arguments)
    {
        var repairs = new List<string>();
        var problems = new List<string>();
        var result = ValidateObject(schema, arguments, prefix: "", repairs, problems);
        return new Outcome(problems.Count == 0 ? result : null, repairs, problems);
    }

    /// <summary>Lists a tool's arguments for corrections: <c>vmid (integer, required), node (string)</c>.</summary>
    public static string DescribeArguments(ToolArgumentSchema schema) =>
        schema.Properties.Count == 0
            ? "no arguments"
            : string.Join(", ", schema.Properties.Select(p => $"{p.Key} ({p.Value.Describe()}{(schema.Required.Contains(p.Key) ? ", required" : "")})"));

    private static Dictionary<string, JsonElement> ValidateObject(
        ToolArgumentSchema schema, IReadOnlyDictionary<string, JsonElement> arguments, string prefix, List<string> repairs, List<string> problems)
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var unknown = new List<string>();
        var checkProperties = schema.DeclaresProperties;

        foreach (var (name, value) in arguments)
        {
            var path = prefix + name;
            var property = schema.Property(name);
            if (property is null)
            {
                if (schema.AllowsAdditional || !checkProperties)
                {
                    result[name] = value;
                }
                else
                {
                    unknown.Add(path);
                }

                continue;
            }

            if (value.ValueKind == JsonValueKind.Null && !schema.Required.Contains(name) && !property.Allows("null"))
            {
                repairs.Add($"argument '{path}': null dropped (optional, so the default applies)");
                continue;
            }

            if (CheckValue(property, value, path, repairs, problems) is { } checkedValue)
            {
                result[name] = checkedValue;
            }
        }

        var missing = schema.Required.Where(r => !arguments.TryGetValue(r, out var v) || v.ValueKind == JsonValueKind.Null && !(schema.Property(r)?.Allows("null") ?? true)).ToList();
        if (missing.Count > 0)
        {
            problems.Add($"missing required argument{Plural(missing)} {string.Join(", ", missing.Select(m => $"'{prefix}{m}' ({schema.Property(m)?.Describe() ?? "any value"})"))}");
        }

        if (unknown.Count > 0)
        {
            var declared = schema.Properties.Select(p => p.Key).ToList();
            problems.Add($"unknown argument{Plural(unknown)} {string.Join(", ", unknown.Select(u => NameSuggester.Suggest(u[prefix.Length..], declared) is [var close, ..] ? $"'{u}' (did you mean '{prefix}{close}'?)" : $"'{u}'"))}");
        }

        return result;
    }

    private static JsonElement? CheckValue(ToolArgumentSchema schema, JsonElement value, string path, List<string> repairs, List<string> problems)
    {
        if (schema.Types is null)
        {
            return CheckConstraints(schema, value, path, repairs, problems);
        }

        foreach (var type in schema.Types)
        {
            if (Matches(value, type))
            {
                if (type == "integer" && !value.TryGetInt64(out _) && value.TryGetDecimal(out var whole))
                {
                    var integral = JsonElement.Parse(decimal.Truncate(whole).ToString(CultureInfo.InvariantCulture));
                    repairs.Add($"argument '{path}': {value.GetRawText()} → {integral.GetRawText()}");
                    value = integral;
                }

                return CheckConstraints(schema, value, path, repairs, problems);
            }
        }

        foreach (var type in schema.Types)
        {
            if (TryCoerce(value, type) is { } coerced)
            {
                repairs.Add($"argument '{path}': {Describe(value)} → {type} {Shorten(coerced.GetRawText())}");
                return CheckConstraints(schema, coerced, path, repairs, problems);
            }
        }

        problems.Add($"argument '{path}' must be {Article(schema.Describe())}, not {Describe(value)}");
        return null;
    }

    private static JsonElement? CheckConstraints(ToolArgumentSchema schema, JsonElement value, string path, List<string> repairs, List<string> problems)
    {
        if (schema.Enum is { Count: > 0 } allowed && !allowed.Any(a => JsonElement.DeepEquals(a, value)))
        {
            problems.Add($"argument '{path}' must be {schema.Describe()}, not {Shorten(value.GetRawText())}");
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number))
        {
            if (schema.Minimum is { } min && number < min || schema.Maximum is { } max && number > max)
            {
                problems.Add($"argument '{path}' must be between {schema.Minimum?.ToString(CultureInfo.InvariantCulture) ?? "-∞"} and {schema.Maximum?.ToString(CultureInfo.InvariantCulture) ?? "∞"}, not {value.GetRawText()}");
                return null;
            }
        }

        if (value.ValueKind == JsonValueKind.Array && schema.Items is { } itemSchema)
        {
            var items = new List<JsonElement>();
            var index = 0;
            var failed = false;
            foreach (var item in value.EnumerateArray())
            {
                if (CheckValue(itemSchema, item, $"{path}[{index++}]", repairs, problems) is { } checkedItem)
                {
                    items.Add(checkedItem);
                }
                else
                {
                    failed = true;
                }
            }

            return failed ? null : ToolArgumentJson.ToElement(items);
        }

        if (value.ValueKind == JsonValueKind.Object && schema.Properties.Count > 0)
        {
            var before = problems.Count;
            var nested = ValidateObject(schema, value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal), path + ".", repairs, problems);
            return problems.Count > before ? null : ToolArgumentJson.ToElement(nested);
        }

        return value;
    }

    private static bool Matches(JsonElement value, string type) => type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && (value.TryGetInt64(out _) || value.TryGetDecimal(out var d) && d == decimal.Truncate(d)),
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "array" => value.ValueKind == JsonValueKind.Array,
        "object" => value.ValueKind == JsonValueKind.Object,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => true,
    };

    private static JsonElement? TryCoerce(JsonElement value, string type)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()!.Trim();
            switch (type)
            {
                case "integer" when IntegerText().IsMatch(text):
                case "number" when NumberText().IsMatch(text):
                    return JsonElement.Parse(text);
                case "boolean" when text.Equals("true", StringComparison.OrdinalIgnoreCase):
                    return JsonElement.Parse("true");
                case "boolean" when text.Equals("false", StringComparison.OrdinalIgnoreCase):
                    return JsonElement.Parse("false");
                case "array" when text.StartsWith('['):
                case "object" when text.StartsWith('{'):
                    try
                    {
                        var parsed = JsonElement.Parse(text);
                        return Matches(parsed, type) ? parsed : null;
                    }
                    catch (JsonException)
                    {
                        return null;
                    }
            }

            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && type == "string")
        {
            // The raw digits, not a re-formatted double: '12345678901234567890' must survive (langchain#30145).
            return ToolArgumentJson.ToElement(value.GetRawText());
        }

        return null;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string {Shorten(value.GetRawText())}",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {value.GetRawText()}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    private static string Article(string description) =>
        description.StartsWith("one of", StringComparison.Ordinal) || description == "null" || description == "any value"
            ? description
            : ("aeiou".Contains(description[0], StringComparison.Ordinal) ? "an " : "a ") + description;

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "…";

    private static string Plural(List<string> items) => items.Count == 1 ? "" : "s";

    [GeneratedRegex(@"^-?(0|[1-9]\d*)$")]
    private static partial Regex IntegerText();

    [GeneratedRegex(@"^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$")]
    private static partial Regex NumberText();
}
