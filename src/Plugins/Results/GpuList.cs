namespace PveAgent.Plugins.Results;

/// <summary>NVIDIA GPUs with their telemetry (<c>gpu_status</c>).</summary>
/// <param name="Gpus">Every GPU of the selected nodes.</param>
/// <param name="Notes">Nodes whose telemetry is missing, and why.</param>
public sealed record GpuList(IReadOnlyList<GpuRow> Gpus, IReadOnlyList<string>? Notes = null) : ToolResult;
