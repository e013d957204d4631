namespace PveAgent.Mcp.Tools;

/// <summary>The MCP server's own tools for plans; every other tool comes from the catalog.</summary>
internal static class PlanTools
{
    public const string Propose = "plan_propose";
    public const string Show = "plan_show";
    public const string Apply = "plan_apply";
    public const string List = "plan_list";

    /// <summary>
    /// The plan tools as MCP tools, those that change something last (they are listed only when the policy allows
    /// writes). Annotations state only what differs from MCP's defaults, as <see cref="CatalogToolsFile"/> does.
    /// </summary>
    public const string Json = """
        [
          {"name":"plan_show","title":"Show plan","description":"Steps, guardrail verdicts, status.",
           "inputSchema":{"type":"object","properties":{"id":{"description":"Or its start, e.g. p-3f9a1c.","type":"string"}},"required":["id"]},
           "annotations":{"readOnlyHint":true,"openWorldHint":false}},
          {"name":"plan_list","title":"List plans","description":"Newest first: id, status, intent.",
           "inputSchema":{"type":"object","properties":{"limit":{"type":"integer"}}},
           "annotations":{"readOnlyHint":true,"openWorldHint":false}},
          {"name":"plan_propose","title":"Propose plan","description":"Save write-tool calls as one checked plan; nothing runs.",
           "inputSchema":{"type":"object","properties":{"intent":{"description":"The person's request, verbatim.","type":"string"},"steps":{"description":"Write-tool calls in order.","type":"array","items":{"type":"object","properties":{"tool":{"type":"string"},"arguments":{"type":"object"},"rationale":{"type":"string"}},"required":["tool"]}}},"required":["intent","steps"]},
           "annotations":{"destructiveHint":false,"openWorldHint":false}},
          {"name":"plan_apply","title":"Apply plan","description":"Run a saved plan; steps needing approval go to the person, never you.",
           "inputSchema":{"type":"object","properties":{"id":{"description":"Or its start, e.g. p-3f9a1c.","type":"string"}},"required":["id"]},
           "annotations":{"idempotentHint":true,"openWorldHint":false}}
        ]
        """;

    /// <summary>True for the tools that need writes allowed.</summary>
    public static bool ChangesSomething(string name) => name is Propose or Apply;
}
