using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace PveAgent.Kernel.ToolCalls;

/// <summary>Converts tool-call arguments between the JSON the servers speak and the dictionaries <see cref="FunctionCallContent"/> holds.</summary>
internal static class ToolArgumentJson
{
    // Argument strings are rendered verbatim into chat templates: "&&" must stay "&&", not "\u0026\u0026", for the model
    // to read its own history. The text never lands in HTML, which is what the default escaping protects.
    private static readonly JsonWriterOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Parses arguments sent as JSON text (OpenAI wire format). An empty text means no arguments; a JSON string that itself
    /// holds an object (double-encoded, as some models do) is unwrapped. Returns null with <paramref name="error"/> otherwise.
    /// </summary>
    public static Dictionary<string, object?>? TryParseObject(string? json, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        JsonElement element;
        try
        {
            element = JsonElement.Parse(json);
        }
        catch (JsonException ex)
        {
            error = $"not valid JSON ({ex.Message})";
            return null;
        }

        if (element.ValueKind == JsonValueKind.String && element.GetString() is { } inner && inner.TrimStart().StartsWith('{'))
        {
            return TryParseObject(inner, out error);
        }

        if (element.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            error = $"a JSON {element.ValueKind.ToString().ToUpperInvariant()} instead of an object";
            return null;
        }

        return ToDictionary(element);
    }

    /// <summary>Turns a JSON object into an argument dictionary whose values are <see cref="JsonElement"/>s.</summary>
    public static Dictionary<string, object?> ToDictionary(JsonElement obj)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in obj.EnumerateObject())
        {
            result[property.Name] = property.Value.Clone();
        }

        return result;
    }

    /// <summary>Writes an argument dictionary (values of any JSON-serialisable type) as a JSON object.</summary>
    public static JsonElement ToJsonObject(IEnumerable<KeyValuePair<string, object?>>? arguments)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Relaxed))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in arguments ?? [])
            {
                writer.WritePropertyName(name);
                WriteValue(writer, value);
            }

            writer.WriteEndObject();
        }

        return JsonElement.Parse(buffer.WrittenSpan);
    }

    /// <summary>The compact JSON text of an argument dictionary.</summary>
    public static string ToJsonText(IEnumerable<KeyValuePair<string, object?>>? arguments) => ToJsonObject(arguments).GetRawText();

    /// <summary>Converts any argument value to a <see cref="JsonElement"/>.</summary>
    public static JsonElement ToElement(object? value)
    {
        if (value is JsonElement element)
        {
            return element;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Relaxed))
        {
            WriteValue(writer, value);
        }

        return JsonElement.Parse(buffer.WrittenSpan);
    }

    /// <summary>A canonical text for a JSON value (object keys sorted, no whitespace) so equal arguments compare equal.</summary>
    public static string Canonical(JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Relaxed))
        {
            WriteCanonical(writer, value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteCanonical(Utf8JsonWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    WriteCanonical(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    WriteCanonical(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonElement element:
                element.WriteTo(writer);
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case double number:
                writer.WriteNumberValue(number);
                break;
            case float number:
                writer.WriteNumberValue(number);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case IEnumerable<KeyValuePair<string, JsonElement>> map:
                writer.WriteStartObject();
                foreach (var (name, item) in map)
                {
                    writer.WritePropertyName(name);
                    item.WriteTo(writer);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable<JsonElement> list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    item.WriteTo(writer);
                }

                writer.WriteEndArray();
                break;
            default:
                // Arbitrary CLR values (records a caller put into a FunctionCallContent) have no generated contract here;
                // the abstractions' default options resolve them the same way AIFunction invocation does.
                JsonSerializer.Serialize(writer, value, AIJsonUtilities.DefaultOptions.GetTypeInfo(value.GetType()));
                break;
        }
    }
}
