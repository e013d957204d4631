using System.Text.Json;
using ModelContextProtocol.Protocol;
using PveAgent.Mcp.Plans;
using PveAgent.Plugins;

namespace PveAgent.Mcp;

/// <summary>Tool results as the client gets them: one text block of compact JSON, <c>isError</c> when the call did not do what was asked.</summary>
internal static class McpResults
{
    public static CallToolResult Text(string text, bool isError = false) =>
        new() { Content = [new TextContentBlock { Text = text }], IsError = isError ? true : null };

    /// <summary>An error the model can act on: <c>{"error": …, "did_you_mean": […]}</c>, the catalog's own error shape.</summary>
    public static CallToolResult Error(string message, IReadOnlyList<string>? didYouMean = null) =>
        Text(ToolCatalog.ToJson(new ToolError(message) { DidYouMean = didYouMean is { Count: > 0 } ? didYouMean : null }).GetRawText(), isError: true);

    public static CallToolResult Json(PlanView view, bool isError = false) =>
        Text(JsonSerializer.Serialize(view, McpJsonContext.Wire.PlanView), isError);

    public static CallToolResult Json(PlanListView view) =>
        Text(JsonSerializer.Serialize(view, McpJsonContext.Wire.PlanListView));
}
