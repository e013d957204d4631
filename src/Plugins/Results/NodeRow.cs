namespace PveAgent.Plugins.Results;

/// <summary>One node in <see cref="ClusterStatus"/>.</summary>
/// <param name="Name">Node name.</param>
/// <param name="Status"><c>online</c>, <c>asleep</c>, <c>offline</c> or <c>unknown</c>.</param>
/// <param name="CpuPct">CPU use, 0–100.</param>
/// <param name="MemUsedGib">Memory used, GiB.</param>
/// <param name="MemFreeGib">Memory free, GiB.</param>
/// <param name="MemTotalGib">Memory installed, GiB.</param>
/// <param name="Running">Guests running on it.</param>
/// <param name="Accelerators">Accelerators, e.g. <c>3x RTX 3090</c>.</param>
/// <param name="Note">Why telemetry is missing, when it is.</param>
public sealed record NodeRow(string Name, string Status, double CpuPct, double MemUsedGib, double MemFreeGib, double MemTotalGib, int Running, string? Accelerators = null, string? Note = null);
