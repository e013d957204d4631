using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using PveAgent.Simulator;

namespace PveAgent.Mcp.Tests.Resources;

public sealed class McpResourcesTests
{
    [Fact]
    public async Task ListResources_NamesTheSnapshotConfigPlansAndAuditLog()
    {
        await using var mcp = await McpHarness.StartAsync();

        var resources = await mcp.Client.ListResourcesAsync();
        var templates = await mcp.Client.ListResourceTemplatesAsync();

        Assert.Equal(["pveagent://audit", "pveagent://cluster/config", "pveagent://cluster/snapshot", "pveagent://plans"], resources.Select(r => r.Uri).Order());
        Assert.Equal("pveagent://plans/{id}", Assert.Single(templates).UriTemplate);
    }

    [Fact]
    public async Task ReadConfig_SummarisesClusterYamlWithoutTheTokenAndSaysWhyWritesAreOff()
    {
        await using var mcp = await McpHarness.StartAsync();

        var text = Text(await mcp.Client.ReadResourceAsync("pveagent://cluster/config"));

        using var json = JsonDocument.Parse(text);
        Assert.Equal(["brian", "pve3", "edge-tt"], json.RootElement.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("name").GetString()));
        Assert.Contains("3× nvidia RTX 3090 24 GB", json.RootElement.GetProperty("nodes")[0].GetProperty("accelerators").EnumerateArray().Select(a => a.GetString()));
        var guardrails = json.RootElement.GetProperty("guardrails");
        Assert.Equal(("read-only", false, false), (guardrails.GetProperty("mode").GetString(), guardrails.GetProperty("stated_in_cluster_yaml").GetBoolean(), guardrails.GetProperty("write_tools_listed").GetBoolean()));
        Assert.DoesNotContain(PveAgentSimulatorOptions.DefaultTokenSecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("PVEAGENT_TOKEN", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadSnapshot_IsTheClusterAsTheReadToolsSeeIt()
    {
        await using var mcp = await McpHarness.StartAsync();

        using var json = JsonDocument.Parse(Text(await mcp.Client.ReadResourceAsync("pveagent://cluster/snapshot")));

        Assert.Equal(3, json.RootElement.GetProperty("cluster").GetProperty("nodes").GetArrayLength());
        Assert.Contains(json.RootElement.GetProperty("guests").GetProperty("guests").EnumerateArray(), g => g.GetProperty("name").GetString() == "dev-sandbox");
    }

    [Fact]
    public async Task ReadPlanAndAudit_ShowWhatAWriteCallLeft()
    {
        await using var mcp = await McpHarness.StartAsync(Some.ApproveWrites);
        var id = Some.Json(await mcp.Client.CallToolAsync("start_guest", Some.StartDevSandbox)).GetProperty("plan").GetString()!;

        using var plan = JsonDocument.Parse(Text(await mcp.Client.ReadResourceAsync($"pveagent://plans/{id}")));
        var audit = Text(await mcp.Client.ReadResourceAsync("pveagent://audit")).Split('\n');

        Assert.Equal(("pending", "mcp"), (plan.RootElement.GetProperty("status").GetString(), plan.RootElement.GetProperty("planner").GetString()));
        Assert.Equal(["plan-created", "verdict"], audit.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task ReadUnknownResource_IsAProtocolErrorNamingIt()
    {
        await using var mcp = await McpHarness.StartAsync();

        var error = await Assert.ThrowsAsync<McpProtocolException>(() => mcp.Client.ReadResourceAsync("pveagent://nope").AsTask());

        Assert.Contains("pveagent://nope", error.Message, StringComparison.Ordinal);
    }

    private static string Text(ReadResourceResult result) => Assert.IsType<TextResourceContents>(Assert.Single(result.Contents)).Text;
}
