using System.Text.Json;
using System.Text.Json.Serialization;

namespace PveAgent.Core.Proxmox.Json;

/// <summary>
/// Reads PVE's booleans in every shape Perl emits them: <c>true</c>/<c>false</c>, <c>0</c>/<c>1</c> (any non-zero number is
/// true), and the strings <c>"0"</c>/<c>"1"</c>/<c>"true"</c>/<c>"false"</c>/<c>""</c>; writes <c>0</c>/<c>1</c> like PVE.
/// </summary>
internal sealed class LenientBooleanConverter : JsonConverter<bool>
{
    public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.Number => reader.GetDouble() != 0,
            JsonTokenType.String => ParseString(reader.GetString()),
            _ => throw new JsonException($"expected a boolean (true/false, 0/1 or \"0\"/\"1\"), got {reader.TokenType}"),
        };

    public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value ? 1 : 0);
    }

    private static bool ParseString(string? text) =>
        text?.Trim() switch
        {
            "1" or "on" or "yes" => true,
            "0" or "off" or "no" or "" or null => false,
            { } other when bool.TryParse(other, out var parsed) => parsed,
            { } other when double.TryParse(other, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number) => number != 0,
            var other => throw new JsonException($"expected a boolean, got the string \"{other}\""),
        };
}
