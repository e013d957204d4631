namespace PveAgent.Plugins.Results;

/// <summary>One GPU in <see cref="GpuList"/>; figures are null where the device reports none.</summary>
/// <param name="Node">Node name.</param>
/// <param name="Index">Device index on the node.</param>
/// <param name="Model">GPU model.</param>
/// <param name="Live">False when only the registry describes it (no telemetry).</param>
/// <param name="VramTotalMib">Memory, MiB.</param>
/// <param name="VramUsedMib">Memory used, MiB.</param>
/// <param name="VramFreeMib">Memory free, MiB.</param>
/// <param name="UtilPct">Utilisation, 0–100.</param>
/// <param name="TempC">Temperature, °C.</param>
/// <param name="PowerW">Power draw, W.</param>
/// <param name="Processes">Processes using it.</param>
public sealed record GpuRow(
    string Node,
    int Index,
    string Model,
    bool Live,
    double? VramTotalMib = null,
    double? VramUsedMib = null,
    double? VramFreeMib = null,
    double? UtilPct = null,
    double? TempC = null,
    double? PowerW = null,
    int? Processes = null);
