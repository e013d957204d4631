using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
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
                writer.WriteStartObject();
                writer.WriteString("name", tool.Name);
                writer.WriteString("title", tool.Title);
                writer.WriteString("description", tool.Description);
                writer.WritePropertyName("inputSchema");
                tool.Schema.WriteTo(writer);
                writer.WriteStartObject("annotations");
                WriteAnnotations(writer, tool);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    /// <summary>Reads the embedded file (UTF-8).</summary>
    public static byte[] ReadEmbedded()
    {
        using var stream = typeof(CatalogToolsFile).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource {ResourceName} is missing from {typeof(CatalogToolsFile).Assembly.GetName().Name}; rebuild src/Mcp.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>The MCP annotations a tool's declared effect implies, each only where it differs from MCP's default.</summary>
    /// <remarks>
    /// MCP's defaults are the cautious ones (readOnlyHint false, destructiveHint true, idempotentHint false, openWorldHint
    /// true), so a hint that says the same adds only tokens. Destructive and idempotent mean nothing for a read-only tool
    /// and are left out there. Disruptive tools (stop, reboot) count as destructive: they end running work, which is more
    /// than an additive update.
    /// </remarks>
    private static void WriteAnnotations(Utf8JsonWriter writer, ToolDescriptor tool)
    {
        if (tool.IsReadOnly)
        {
            writer.WriteBoolean("readOnlyHint", true);
        }
        else
        {
            if (tool.Effect is not (ToolEffect.Disruptive or ToolEffect.Destructive))
            {
                writer.WriteBoolean("destructiveHint", false);
            }

            if (tool.Idempotent)
            {
                writer.WriteBoolean("idempotentHint", true);
            }
        }

        if (!tool.OpenWorld)
        {
            writer.WriteBoolean("openWorldHint", false);
        }
    }
}
