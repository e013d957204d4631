using System.Collections.Frozen;
using ModelContextProtocol.Protocol;

namespace PveAgent.Mcp.Tools;

/// <summary>
/// What <c>tools/list</c> shows: the catalog's tools (from <see cref="CatalogToolsFile"/>) and the plan tools, less the
/// write tools the policy does not offer.
/// </summary>
internal sealed class McpToolListing
{
    // Protocol revisions before 2025-06-18 have no top-level title; their clients read annotations.title.
    private static readonly FrozenSet<string> UntitledRevisions = FrozenSet.Create(StringComparer.Ordinal, "2024-11-05", "2025-03-26");

    private readonly FrozenDictionary<string, Tool> _catalog;

    public McpToolListing(IReadOnlyList<Tool> catalogTools)
    {
        ArgumentNullException.ThrowIfNull(catalogTools);
        CatalogTools = catalogTools;
        _catalog = catalogTools.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>The catalog's tools, in catalog order.</summary>
    public IReadOnlyList<Tool> CatalogTools { get; }

    /// <summary>The listing built from the embedded file.</summary>
    public static McpToolListing Embedded() => new(CatalogToolsFile.ReadEmbedded());

    /// <summary>The catalog tool called <paramref name="name"/>, or null.</summary>
    public Tool? FindCatalogTool(string name) => _catalog.GetValueOrDefault(name);

    /// <summary>Every name a client could call, for "did you mean".</summary>
    public IEnumerable<string> AllNames => CatalogTools.Select(t => t.Name).Concat(PlanTools.All.Select(t => t.Name));

    /// <summary>The tools to list under <paramref name="policy"/>, shaped for the negotiated protocol revision.</summary>
    public ListToolsResult For(McpPolicy policy, string? protocolVersion)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var listed = CatalogTools
            .Where(t => IsReadOnly(t) || policy.WhyHidden(t.Name) is null)
            .Concat(PlanTools.All.Where(t => !PlanTools.ChangesSomething(t.Name) || policy.AllowsWrites));
        if (protocolVersion is not null && UntitledRevisions.Contains(protocolVersion))
        {
            listed = listed.Select(WithAnnotationTitle);
        }

        return new ListToolsResult { Tools = [.. listed] };
    }

    /// <summary>True when the tool only reads.</summary>
    public static bool IsReadOnly(Tool tool) => tool.Annotations?.ReadOnlyHint == true;

    private static Tool WithAnnotationTitle(Tool tool) => new()
    {
        Name = tool.Name,
        Title = tool.Title,
        Description = tool.Description,
        InputSchema = tool.InputSchema,
        Annotations = new ToolAnnotations
        {
            Title = tool.Title,
            ReadOnlyHint = tool.Annotations?.ReadOnlyHint,
            DestructiveHint = tool.Annotations?.DestructiveHint,
            IdempotentHint = tool.Annotations?.IdempotentHint,
            OpenWorldHint = tool.Annotations?.OpenWorldHint,
        },
    };
}
