namespace PveAgent.Plugins.Results;

/// <summary>One process in <see cref="GpuProcessList"/>.</summary>
/// <param name="Gpu">GPU index.</param>
/// <param name="Pid">Process id on the node.</param>
/// <param name="Name">Executable.</param>
/// <param name="VramMib">GPU memory it uses, MiB.</param>
public sealed record GpuProcessRow(int? Gpu, int? Pid, string? Name, double? VramMib);
