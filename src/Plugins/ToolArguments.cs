using System.Buffers;
using System.Text.Json;

namespace PveAgent.Plugins;

/// <summary>Builds a tool's arguments object from name/value pairs (strings, integers, booleans; null values are left out).</summary>
public static class ToolArguments
{
    /// <summary>No arguments: <c>{}</c>.</summary>
    public static JsonElement None { get; } = Of();

    /// <summary>A JSON object of the given arguments, e.g. <c>Of(("guest", "105"), ("target", "pve3"))</c>.</summary>
    public static JsonElement Of(params (string Name, object? Value)[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in arguments)
            {
                switch (value)
                {
                    case null:
                        break;
                    case string text:
                        writer.WriteString(name, text);
                        break;
                    case int number:
                        writer.WriteNumber(name, number);
                        break;
                    case bool flag:
                        writer.WriteBoolean(name, flag);
                        break;
                    default:
                        throw new ArgumentException($"Argument '{name}' is a {value.GetType().Name}; tool arguments are strings, integers or booleans.", nameof(arguments));
                }
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
