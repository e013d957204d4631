using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace PveAgent.Mcp.Tools;

/// <summary>The MCP server's own tools for plans; every other tool comes from the catalog.</summary>
internal static class PlanTools
{
    public const string Propose = "plan_propose";
    public const string Show = "plan_show";
    public const string Apply = "plan_apply";
    public const string List = "plan_list";

    /// <summary>The plan tools, those that change something last (they are listed only when the policy allows writes).</summary>
    public static IReadOnlyList<Tool> All { get; } =
    [
        new Tool
        {
            Name = Show,
            Title = "Show plan",
            Description = "A saved plan: steps, guardrail verdicts, status.",
            InputSchema = Schema("""{"type":"object","properties":{"id":{"description":"Plan id or its start (p-3f9a1c).","type":"string"}},"required":["id"]}"""),
            Annotations = new ToolAnnotations { ReadOnlyHint = true, OpenWorldHint = false },
        },
        new Tool
        {
            Name = List,
            Title = "List plans",
            Description = "Saved plans, newest first: id, status, intent.",
            InputSchema = Schema("""{"type":"object","properties":{"limit":{"description":"At most this many (default 20).","type":"integer"}}}"""),
            Annotations = new ToolAnnotations { ReadOnlyHint = true, OpenWorldHint = false },
        },
        new Tool
        {
            Name = Propose,
            Title = "Propose plan",
            Description = "Check write-tool calls as one plan and save it; nothing runs. Returns the id and each step's verdict.",
            InputSchema = Schema("""{"type":"object","properties":{"intent":{"description":"What the person asked for, in their words.","type":"string"},"steps":{"description":"Write-tool calls in order.","type":"array","items":{"type":"object","properties":{"tool":{"type":"string"},"arguments":{"type":"object"},"rationale":{"type":"string"}},"required":["tool"]}}},"required":["intent","steps"]}"""),
            Annotations = new ToolAnnotations { ReadOnlyHint = false, DestructiveHint = false, IdempotentHint = false, OpenWorldHint = false },
        },
        new Tool
        {
            Name = Apply,
            Title = "Apply plan",
            Description = "Carry out a saved plan. Steps needing approval are put to the person; you cannot approve.",
            InputSchema = Schema("""{"type":"object","properties":{"id":{"description":"Plan id or its start (p-3f9a1c).","type":"string"}},"required":["id"]}"""),
            Annotations = new ToolAnnotations { ReadOnlyHint = false, DestructiveHint = true, IdempotentHint = true, OpenWorldHint = false },
        },
    ];

    /// <summary>True for the tools that need writes allowed.</summary>
    public static bool ChangesSomething(string name) => name is Propose or Apply;

    private static JsonElement Schema(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
