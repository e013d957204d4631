using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using PveAgent.Core.Plans;
using PveAgent.Plugins;

namespace PveAgent.Mcp.Tools;

/// <summary>
/// The catalog's tools as MCP tools, kept as an embedded JSON file so <c>tools/list</c> never has to build the
/// <see cref="ToolCatalog"/> (reflection over the plugins and <c>AIFunctionFactory</c>, ~50 ms cold). The file is
/// generated from the catalog by <see cref="Write"/>, and a test fails whenever the two differ.
/// </summary>
internal static class CatalogToolsFile
{
    /// <summary>The name of the embedded resource.</summary>
    public const string ResourceName = "PveAgent.Mcp.catalog-tools.json";

    /// <summary>The MCP annotations a tool's declared effect implies.</summary>
    /// <remarks>
    /// MCP's defaults are the cautious ones (destructive, open world), so every hint that differs is stated. Destructive
    /// and idempotent mean nothing for a read-only tool and are left out there. Disruptive tools (stop, reboot) count as
    /// destructive: they end running work, which is more than an additive update.
    /// </remarks>
    public static ToolAnnotations AnnotationsFor(ToolDescriptor tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        return tool.IsReadOnly
            ? new ToolAnnotations { ReadOnlyHint = true, OpenWorldHint = tool.OpenWorld }
            : new ToolAnnotations
            {
                ReadOnlyHint = false,
                DestructiveHint = tool.Effect is ToolEffect.Disruptive or ToolEffect.Destructive,
                IdempotentHint = tool.Idempotent,
                OpenWorldHint = tool.OpenWorld,
            };
    }

    /// <summary>The file's text for <paramref name="tools"/>: one MCP tool object each, in catalog order.</summary>
    public static string Write(IEnumerable<ToolDescriptor> tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartArray();
            foreach (var tool in tools)
            {
                var annotations = AnnotationsFor(tool);
                writer.WriteStartObject();
                writer.WriteString("name", tool.Name);
                writer.WriteString("title", tool.Title);
                writer.WriteString("description", tool.Description);
                writer.WritePropertyName("inputSchema");
                tool.Schema.WriteTo(writer);
                writer.WriteStartObject("annotations");
                writer.WriteBoolean("readOnlyHint", annotations.ReadOnlyHint == true);
                if (annotations.DestructiveHint is { } destructive)
                {
                    writer.WriteBoolean("destructiveHint", destructive);
                }

                if (annotations.IdempotentHint is { } idempotent)
                {
                    writer.WriteBoolean("idempotentHint", idempotent);
                }

                writer.WriteBoolean("openWorldHint", annotations.OpenWorldHint == true);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    /// <summary>Reads the embedded file.</summary>
    public static IReadOnlyList<Tool> ReadEmbedded()
    {
        using var stream = typeof(CatalogToolsFile).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource {ResourceName} is missing from {typeof(CatalogToolsFile).Assembly.GetName().Name}; rebuild src/Mcp.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return Read(bytes);
    }

    /// <summary>Reads the file's text (UTF-8).</summary>
    public static IReadOnlyList<Tool> Read(ReadOnlySpan<byte> utf8)
    {
        // Read by hand rather than through a serializer: no contract to build for a file whose shape is fixed here.
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        using var document = JsonDocument.ParseValue(ref reader);
        var tools = new List<Tool>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var annotations = item.GetProperty("annotations");
            tools.Add(new Tool
            {
                Name = item.GetProperty("name").GetString()!,
                Title = item.GetProperty("title").GetString(),
                Description = item.GetProperty("description").GetString(),
                InputSchema = item.GetProperty("inputSchema").Clone(),
                Annotations = new ToolAnnotations
                {
                    ReadOnlyHint = Flag(annotations, "readOnlyHint"),
                    DestructiveHint = Flag(annotations, "destructiveHint"),
                    IdempotentHint = Flag(annotations, "idempotentHint"),
                    OpenWorldHint = Flag(annotations, "openWorldHint"),
                },
            });
        }

        return tools;
    }

    private static bool? Flag(JsonElement annotations, string name) =>
        annotations.TryGetProperty(name, out var value) ? value.GetBoolean() : null;
}
