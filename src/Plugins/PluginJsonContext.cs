using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using PveAgent.Plugins.Results;

namespace PveAgent.Plugins;

/// <summary>
/// Source-generated JSON for tool arguments and results: compact snake_case, nulls omitted, enums as strings. No
/// reflection-based serialisation at start-up (the MCP server must list its tools within ~80 ms of spawn).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(int?))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(bool?))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(double?))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(ToolError))]
[JsonSerializable(typeof(QueuedStep))]
[JsonSerializable(typeof(ProposedStep))]
[JsonSerializable(typeof(ToolDescriptor))]
[JsonSerializable(typeof(IReadOnlyList<ToolDescriptor>))]
[JsonSerializable(typeof(ClusterStatus))]
[JsonSerializable(typeof(GuestList))]
[JsonSerializable(typeof(GuestDetails))]
[JsonSerializable(typeof(SnapshotList))]
[JsonSerializable(typeof(PciDeviceList))]
[JsonSerializable(typeof(TaskList))]
[JsonSerializable(typeof(TaskLog))]
[JsonSerializable(typeof(GpuList))]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(GpuProcessList))]
[JsonSerializable(typeof(TenstorrentStatus))]
[JsonSerializable(typeof(RouteResult))]
[JsonSerializable(typeof(QueueStatus))]
internal sealed partial class PluginJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context tools talk through: as <see cref="Default"/>, but leaving "×", "°" and quotes unescaped — the readers are
    /// models and JSON clients, not HTML pages, and every escape costs tokens.
    /// </summary>
    public static PluginJsonContext Wire => LazyWire.Value;

    // Lazy: the generated Default lives in another part of this class, and static initialisers across parts run in no set order.
    private static readonly Lazy<PluginJsonContext> LazyWire = new(CreateWire);

    private static PluginJsonContext CreateWire() =>
        new(new JsonSerializerOptions(Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, TypeInfoResolver = null });
}
