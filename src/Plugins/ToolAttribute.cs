using PveAgent.Core.Plans;

namespace PveAgent.Plugins;

/// <summary>
/// Marks a plugin method as a tool of the <see cref="ToolCatalog"/> and states what it does to the cluster. The name is
/// public API (the LLM, MCP clients and saved plans use it): short, snake_case, never renamed.
/// </summary>
/// <param name="name">Stable snake_case tool name, e.g. <c>migrate_guest</c>.</param>
/// <param name="effect">What calling the tool does to the cluster.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ToolAttribute(string name, ToolEffect effect) : Attribute
{
    /// <summary>Stable snake_case tool name.</summary>
    public string Name { get; } = name;

    /// <summary>What calling the tool does to the cluster.</summary>
    public ToolEffect Effect { get; } = effect;

    /// <summary>Human title, shown by MCP clients (defaults to the name).</summary>
    public string? Title { get; init; }

    /// <summary>True when calling the tool again with the same arguments has no further effect.</summary>
    public bool Idempotent { get; init; }

    /// <summary>True when the tool reaches beyond the cluster's state (an inference task with open-ended output).</summary>
    public bool OpenWorld { get; init; }
}
