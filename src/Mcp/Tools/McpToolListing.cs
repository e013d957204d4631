using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PveAgent.Mcp.Tools;

/// <summary>
/// What <c>tools/list</c> shows: the catalog's tools (from <see cref="CatalogToolsFile"/>) and the plan tools, less the
/// write tools the policy does not offer, written straight as the result's JSON. Built from bytes with the framework's
/// JSON reader and writer only, so the stdio front door can answer before the SDK's serialisers are loaded.
/// </summary>
internal sealed class McpToolListing
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly Lazy<McpToolListing> LazyShared = new(Embedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Entry[] _catalog;
    private readonly Entry[] _plan;

    public McpToolListing(ReadOnlySpan<byte> catalogJson, ReadOnlySpan<byte> planJson)
    {
        _catalog = Read(catalogJson);
        _plan = Read(planJson);
    }

    /// <summary>The listing of this build (immutable, built on first use and then shared).</summary>
    public static McpToolListing Shared => LazyShared.Value;

    /// <summary>The listing built from the embedded file and <see cref="PlanTools.Json"/>.</summary>
    public static McpToolListing Embedded() => new(CatalogToolsFile.ReadEmbedded(), Encoding.UTF8.GetBytes(PlanTools.Json));

    /// <summary>Every name a client could call, for "did you mean".</summary>
    public IEnumerable<string> AllNames => _catalog.Concat(_plan).Select(t => t.Name);

    /// <summary>True when <paramref name="name"/> is a catalog tool; <paramref name="readOnly"/> says whether it only reads.</summary>
    public bool TryFindCatalogTool(string name, out bool readOnly)
    {
        foreach (var tool in _catalog)
        {
            if (string.Equals(tool.Name, name, StringComparison.Ordinal))
            {
                readOnly = tool.IsReadOnly;
                return true;
            }
        }

        readOnly = false;
        return false;
    }

    /// <summary>The <c>tools/list</c> result (<c>{"tools":[…]}</c>, UTF-8) under <paramref name="policy"/>, shaped for the negotiated protocol revision.</summary>
    public byte[] Result(McpPolicy policy, string? protocolVersion)
    {
        ArgumentNullException.ThrowIfNull(policy);

        // Protocol revisions before 2025-06-18 have no top-level title; their clients read annotations.title.
        var titleInAnnotations = protocolVersion is "2024-11-05" or "2025-03-26";
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, Compact))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("tools");
            foreach (var tool in _catalog)
            {
                if (tool.IsReadOnly || policy.WhyHidden(tool.Name) is null)
                {
                    Write(writer, tool, titleInAnnotations);
                }
            }

            foreach (var tool in _plan)
            {
                if (!PlanTools.ChangesSomething(tool.Name) || policy.AllowsWrites)
                {
                    Write(writer, tool, titleInAnnotations);
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, Entry tool, bool titleInAnnotations)
    {
        if (!titleInAnnotations)
        {
            tool.Json.WriteTo(writer);
            return;
        }

        writer.WriteStartObject();
        foreach (var property in tool.Json.EnumerateObject())
        {
            if (!property.NameEquals("annotations"))
            {
                property.WriteTo(writer);
            }
        }

        writer.WriteStartObject("annotations");
        writer.WriteString("title", tool.Title);
        if (tool.Json.TryGetProperty("annotations", out var annotations))
        {
            foreach (var hint in annotations.EnumerateObject())
            {
                hint.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static Entry[] Read(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        using var document = JsonDocument.ParseValue(ref reader);
        var tools = new List<Entry>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var readOnly = item.TryGetProperty("annotations", out var annotations) && annotations.TryGetProperty("readOnlyHint", out var hint) && hint.GetBoolean();
            tools.Add(new Entry(item.GetProperty("name").GetString()!, item.GetProperty("title").GetString()!, readOnly, item.Clone()));
        }

        return [.. tools];
    }

    private sealed record Entry(string Name, string Title, bool IsReadOnly, JsonElement Json);
}
