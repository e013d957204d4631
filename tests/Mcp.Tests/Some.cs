using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace PveAgent.Mcp.Tests;

/// <summary>Test data and small readers for MCP results.</summary>
internal static class Some
{
    public const string ApproveWrites = "guardrails:\n  mode: approve-writes\n";
    public const string Autonomous = "guardrails:\n  mode: autonomous\n";
    public const string StatedReadOnly = "guardrails:\n  mode: read-only\n";

    /// <summary>VM 110 dev-sandbox on brian, stopped in the sample lab.</summary>
    public static readonly Dictionary<string, object?> StartDevSandbox = new() { ["guest"] = "110" };

    /// <summary>VM 110 dev-sandbox, stopped on brian, to pve3 (an offline migration: 16 simulated seconds).</summary>
    public static readonly Dictionary<string, object?> MigrateDevSandbox = new() { ["guest"] = "dev-sandbox", ["target"] = "pve3" };

    public static ElicitResult Choose(string decision) =>
        new() { Action = "accept", Content = new Dictionary<string, JsonElement> { ["decision"] = JsonSerializer.SerializeToElement(decision) } };

    /// <summary>The single text block of a result, parsed.</summary>
    public static JsonElement Json(CallToolResult result)
    {
        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>A tool as it goes over the wire.</summary>
    public static JsonElement Json(Tool tool) => JsonSerializer.SerializeToElement(tool, ModelContextProtocol.McpJsonUtilities.DefaultOptions);

    /// <summary>Annotations as a client reads them: MCP's default for each hint left out; destructive and idempotent only for a tool that is not read-only.</summary>
    public static (bool ReadOnly, bool? Destructive, bool? Idempotent, bool OpenWorld) AsClientsReadThem(ToolAnnotations annotations)
    {
        var readOnly = annotations.ReadOnlyHint ?? false;
        return (readOnly, readOnly ? null : annotations.DestructiveHint ?? true, readOnly ? null : annotations.IdempotentHint ?? false, annotations.OpenWorldHint ?? true);
    }

    public static string Text(CallToolResult result) => Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
}
