namespace PveAgent.Plugins.Results;

/// <summary>Processes holding a node's GPUs (<c>gpu_processes</c>).</summary>
/// <param name="Node">Node name.</param>
/// <param name="Processes">One row per process and GPU.</param>
public sealed record GpuProcessList(string Node, IReadOnlyList<GpuProcessRow> Processes) : ToolResult;
