using System.Text.Json;

namespace PveAgent.Kernel.ToolCalls;

/// <summary>
/// The subset of JSON schema the repairer checks: <c>type</c> (one or a list), <c>enum</c>, <c>items</c>, <c>properties</c>,
/// <c>required</c>, <c>additionalProperties</c>, <c>minimum</c>/<c>maximum</c>. Anything it does not understand
/// (<c>anyOf</c>, <c>$ref</c> …) is accepted as is rather than guessed at.
/// </summary>
internal sealed class ToolArgumentSchema
{
    private static readonly string[] TypeOrder = ["integer", "number", "boolean", "array", "object", "string", "null"];

    private ToolArgumentSchema()
    {
    }

    /// <summary>Allowed JSON types, or null when the schema does not constrain the type.</summary>
    public IReadOnlyList<string>? Types { get; private init; }

    /// <summary>Allowed values, when the schema lists them.</summary>
    public IReadOnlyList<JsonElement>? Enum { get; private init; }

    /// <summary>Schema of array items.</summary>
    public ToolArgumentSchema? Items { get; private init; }

    /// <summary>Declared object properties, in declaration order.</summary>
    public IReadOnlyList<KeyValuePair<string, ToolArgumentSchema>> Properties { get; private init; } = [];

    /// <summary>True when the schema has a <c>properties</c> keyword, so undeclared arguments are errors.</summary>
    public bool DeclaresProperties { get; private init; }

    /// <summary>Names of required properties.</summary>
    public IReadOnlySet<string> Required { get; private init; } = new HashSet<string>();

    /// <summary>True when the object accepts properties it does not declare (only when the schema says so).</summary>
    public bool AllowsAdditional { get; private init; }

    /// <summary>Inclusive lower bound for numbers.</summary>
    public decimal? Minimum { get; private init; }

    /// <summary>Inclusive upper bound for numbers.</summary>
    public decimal? Maximum { get; private init; }

    /// <summary>True when the schema uses constructs this validator does not check.</summary>
    public bool Opaque { get; private init; }

    /// <summary>Finds a declared property.</summary>
    public ToolArgumentSchema? Property(string name)
    {
        foreach (var (key, value) in Properties)
        {
            if (key == name)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="type"/> is allowed (an unconstrained schema allows everything).</summary>
    public bool Allows(string type) => Types is null || Types.Contains(type);

    /// <summary>Reads a schema element; a missing or non-object schema accepts anything.</summary>
    public static ToolArgumentSchema Parse(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return new ToolArgumentSchema { Opaque = true };
        }

        List<string>? types = null;
        if (schema.TryGetProperty("type", out var type))
        {
            if (type.ValueKind == JsonValueKind.String)
            {
                types = [type.GetString()!];
            }
            else if (type.ValueKind == JsonValueKind.Array)
            {
                types = [.. type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!)];
            }
        }

        var properties = new List<KeyValuePair<string, ToolArgumentSchema>>();
        if (schema.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in props.EnumerateObject())
            {
                properties.Add(new(property.Name, Parse(property.Value)));
            }
        }

        var required = new HashSet<string>(StringComparer.Ordinal);
        if (schema.TryGetProperty("required", out var req) && req.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in req.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String))
            {
                required.Add(name.GetString()!);
            }
        }

        var allowsAdditional = schema.TryGetProperty("additionalProperties", out var additional)
            && additional.ValueKind is JsonValueKind.True or JsonValueKind.Object;

        return new ToolArgumentSchema
        {
            Types = types is { Count: > 0 } ? [.. types.OrderBy(t => Array.IndexOf(TypeOrder, t) is var i && i < 0 ? int.MaxValue : i)] : null,
            Enum = schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array
                ? [.. values.EnumerateArray().Select(v => v.Clone())]
                : null,
            Items = schema.TryGetProperty("items", out var items) ? Parse(items) : null,
            Properties = properties,
            DeclaresProperties = schema.TryGetProperty("properties", out _),
            Required = required,
            AllowsAdditional = allowsAdditional,
            Minimum = Bound(schema, "minimum"),
            Maximum = Bound(schema, "maximum"),
            Opaque = schema.TryGetProperty("anyOf", out _) || schema.TryGetProperty("oneOf", out _)
                || schema.TryGetProperty("allOf", out _) || schema.TryGetProperty("$ref", out _),
        };
    }

    /// <summary>A short description for corrections: <c>integer</c>, <c>string or null</c>, <c>one of "a", "b"</c>.</summary>
    public string Describe()
    {
        if (Enum is { Count: > 0 })
        {
            return "one of " + string.Join(", ", Enum.Select(e => e.GetRawText()));
        }

        if (Types is null)
        {
            return "any value";
        }

        var named = Types.Where(t => t != "null").ToList();
        var text = named.Count == 0 ? "null" : string.Join(" or ", named.Select(t => t == "array" && Items?.Types is { } it ? $"array of {string.Join("/", it)}" : t));
        return text;
    }

    private static decimal? Bound(JsonElement schema, string name) =>
        schema.TryGetProperty(name, out var bound) && bound.ValueKind == JsonValueKind.Number && bound.TryGetDecimal(out var value)
            ? value
            : null;
}
