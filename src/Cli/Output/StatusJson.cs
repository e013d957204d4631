using System.Text.Json.Serialization;

namespace PveAgent.Cli.Output;

// `status --json` is a script interface: these records are its schema, kept apart from the domain types so the
// domain can change without breaking scripts.

/// <summary>The document <c>status --json</c> prints.</summary>
internal sealed record StatusDocument(
    string Cluster,
    bool Simulated,
    DateTimeOffset TakenAt,
    IReadOnlyList<StatusNode> Nodes,
    IReadOnlyList<StatusGuest> Guests,
    IReadOnlyList<StatusService> Services);

/// <summary>A node in <c>status --json</c>.</summary>
internal sealed record StatusNode(
    string Name,
    string Status,
    double Cpu,
    int Maxcpu,
    long Mem,
    long Maxmem,
    long Uptime,
    IReadOnlyList<StatusAcceleratorGroup> Accelerators,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TelemetryError);

/// <summary>Identical accelerators of a node with per-device telemetry.</summary>
internal sealed record StatusAcceleratorGroup(string Kind, string Model, int Count, double? VramGb, IReadOnlyList<StatusTelemetry> Telemetry);

/// <summary>One device's readings (null when not reported).</summary>
internal sealed record StatusTelemetry(
    int Index,
    string? Id,
    bool Live,
    double? MemUsedMib,
    double? MemTotalMib,
    double? UtilPercent,
    double? TempC,
    double? PowerW);

/// <summary>A guest in <c>status --json</c>.</summary>
internal sealed record StatusGuest(int Vmid, string Name, string Type, string Node, string Status, IReadOnlyList<string> Tags, bool Template, string? Lock);

/// <summary>An inference service in <c>status --json</c>.</summary>
internal sealed record StatusService(
    string Node,
    string Name,
    string Kind,
    string Url,
    bool Reachable,
    IReadOnlyList<string> Models,
    IReadOnlyList<string> Loaded,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? RequestsRunning,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error);
