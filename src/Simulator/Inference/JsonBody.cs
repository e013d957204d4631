using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PveAgent.Simulator.Inference;

/// <summary>
/// Writes response bodies with <see cref="Utf8JsonWriter"/> (field order as the real servers emit it, no reflection)
/// and reads request bodies with <see cref="JsonDocument"/>.
/// </summary>
internal static class JsonBody
{
    // Go and Python servers do not escape quotes or apostrophes ("model 'x' not found"); neither do we.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>One NDJSON line: the object followed by a newline.</summary>
    public static byte[] Line(Action<Utf8JsonWriter> write) => [.. Write(write), (byte)'\n'];

    /// <summary>One server-sent event: <c>data: {json}</c> and a blank line.</summary>
    public static byte[] SseEvent(Action<Utf8JsonWriter> write) => [.. "data: "u8, .. Write(write), .. "\n\n"u8];

    public static readonly byte[] SseDone = "data: [DONE]\n\n"u8.ToArray();

    public static SimResponse Response(int status, Action<Utf8JsonWriter> write, string contentType) =>
        new() { Status = status, ContentType = contentType, Body = Write(write) };

    /// <summary>Parses a request body; null when it is empty or not a JSON object.</summary>
    public static JsonDocument? TryParse(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        try
        {
            var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string? String(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static bool? Bool(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    public static int? Int(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number)
            ? (int)Math.Clamp(number, int.MinValue, int.MaxValue)
            : null;

    public static JsonElement? Object(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    /// <summary>Every string found in a content value: a plain string, or the <c>text</c> parts of an OpenAI content array.</summary>
    public static string ContentText(JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString() ?? "";
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return "";
        }

        var parts = new List<string>();
        foreach (var part in content.EnumerateArray())
        {
            if (part.ValueKind == JsonValueKind.String)
            {
                parts.Add(part.GetString() ?? "");
            }
            else if (part.ValueKind == JsonValueKind.Object && part.String("text") is { } text)
            {
                parts.Add(text);
            }
        }

        return string.Join('\n', parts);
    }

    /// <summary>The strings of an <c>input</c>/<c>prompt</c> value that may be a string or an array of strings.</summary>
    public static IReadOnlyList<string> StringOrArray(this JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return [];
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return [value.GetString() ?? ""];
        }

        return value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String ? item.GetString() ?? "" : item.GetRawText())]
            : [];
    }

    /// <summary>Go's <c>time.RFC3339Nano</c> in UTC: trailing zeros of the fraction dropped.</summary>
    public static string Rfc3339Nano(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>Nanoseconds of a duration in seconds, as Go's <c>time.Duration</c> serialises.</summary>
    public static long Nanoseconds(double seconds) => (long)Math.Round(seconds * 1e9);
}
