namespace PveAgent.Plugins;

/// <summary>
/// What a tool returns: a small record for a read tool, a <see cref="ProposedStep"/> for a write tool, or a
/// <see cref="ToolError"/> when the input was wrong. Expected failures are values, never exceptions.
/// </summary>
public abstract record ToolResult;
