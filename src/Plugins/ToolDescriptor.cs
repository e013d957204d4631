using System.Text.Json;
using PveAgent.Core.Plans;

namespace PveAgent.Plugins;

/// <summary>One tool of the catalog as every surface describes it: the LLM, the MCP server, the planners and the CLI.</summary>
public sealed record ToolDescriptor
{
    /// <summary>Stable snake_case name (<c>migrate_guest</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Human title (MCP <c>title</c>).</summary>
    public required string Title { get; init; }

    /// <summary>What the tool does, for the model: short, exact, with units.</summary>
    public required string Description { get; init; }

    /// <summary>What calling it does to the cluster; write tools only ever queue plan steps.</summary>
    public required ToolEffect Effect { get; init; }

    /// <summary>True when repeating a call with the same arguments has no further effect.</summary>
    public required bool Idempotent { get; init; }

    /// <summary>True when the tool reaches beyond the cluster's state.</summary>
    public required bool OpenWorld { get; init; }

    /// <summary>The plugin it belongs to (<c>proxmox</c>, <c>gpu</c>, <c>tenstorrent</c>, <c>router</c>).</summary>
    public required string Plugin { get; init; }

    /// <summary>JSON schema of the arguments object.</summary>
    public required JsonElement Schema { get; init; }

    /// <summary>True for <see cref="ToolEffect.Read"/> tools, which run at once while planning.</summary>
    public bool IsReadOnly => Effect == ToolEffect.Read;
}
