using System.Text.Json;
using PveAgent.Plugins;

namespace PveAgent.Mcp.Tests;

public sealed class McpHandlersTests
{
    private static readonly string[] PlanReads = ["plan_show", "plan_list"];
    private static readonly string[] PlanWrites = ["plan_propose", "plan_apply"];

    [Fact]
    public async Task ToolsList_WithoutAGuardrailsSection_ListsOnlyReadTools()
    {
        await using var mcp = await McpHarness.StartAsync();

        var tools = await mcp.Client.ListToolsAsync();

        var reads = ToolCatalog.Default.Tools.Where(t => t.IsReadOnly).Select(t => t.Name);
        Assert.Equal(reads.Concat(PlanReads).Order(), tools.Select(t => t.Name).Order());
        Assert.All(tools, t => Assert.True(t.ProtocolTool.Annotations?.ReadOnlyHint, t.Name));
    }

    [Fact]
    public async Task ToolsList_ReadOnlyModeInClusterYaml_ListsOnlyReadTools()
    {
        await using var mcp = await McpHarness.StartAsync(Some.StatedReadOnly);

        var tools = await mcp.Client.ListToolsAsync();

        Assert.DoesNotContain(tools, t => t.ProtocolTool.Annotations?.ReadOnlyHint != true);
        Assert.Contains(tools, t => t.Name == "cluster_status");
    }

    [Theory]
    [InlineData("approve-writes")]
    [InlineData("approve-disruptive")]
    [InlineData("autonomous")]
    public async Task ToolsList_ModeThatAllowsChanges_ListsEveryCatalogToolAndThePlanTools(string mode)
    {
        await using var mcp = await McpHarness.StartAsync($"guardrails:\n  mode: {mode}\n");

        var tools = await mcp.Client.ListToolsAsync();

        Assert.Equal(ToolCatalog.Default.Tools.Select(t => t.Name).Concat(PlanReads).Concat(PlanWrites).Order(), tools.Select(t => t.Name).Order());
    }

    [Fact]
    public async Task ToolsList_DeniedTools_AreNotListed()
    {
        await using var mcp = await McpHarness.StartAsync("guardrails:\n  mode: approve-writes\n  denied_tools: [rollback_snapshot, delete_snapshot]\n");

        var names = (await mcp.Client.ListToolsAsync()).Select(t => t.Name).ToList();

        Assert.DoesNotContain("rollback_snapshot", names);
        Assert.DoesNotContain("delete_snapshot", names);
        Assert.Contains("create_snapshot", names);
    }

    [Fact]
    public async Task ToolsList_EveryCatalogTool_HasTheCatalogsNameTitleDescriptionAndSchema()
    {
        await using var mcp = await McpHarness.StartAsync(Some.ApproveWrites);

        var listed = (await mcp.Client.ListToolsAsync()).ToDictionary(t => t.Name, t => t.ProtocolTool);

        Assert.All(ToolCatalog.Default.Tools, tool =>
        {
            var mcpTool = listed[tool.Name];
            Assert.Equal(tool.Title, mcpTool.Title);
            Assert.Equal(tool.Description, mcpTool.Description);
            Assert.True(JsonElement.DeepEquals(tool.Schema, mcpTool.InputSchema), tool.Name);
        });
    }

    [Theory]
    [InlineData("cluster_status", true, null, null, false)]
    // migrate_guest declares disruptive (a running container restarts), and disruptive counts as destructive for MCP clients.
    [InlineData("migrate_guest", false, true, true, false)]
    [InlineData("create_snapshot", false, false, false, false)]
    [InlineData("stop_guest", false, true, true, false)]
    [InlineData("rollback_snapshot", false, true, false, false)]
    [InlineData("run_task", false, false, false, true)]
    public async Task ToolsList_Annotations_FollowEachToolsEffect(string name, bool readOnly, bool? destructive, bool? idempotent, bool openWorld)
    {
        await using var mcp = await McpHarness.StartAsync(Some.ApproveWrites);

        var annotations = (await mcp.Client.ListToolsAsync()).Single(t => t.Name == name).ProtocolTool.Annotations!;

        Assert.Equal((readOnly, destructive, idempotent, openWorld), Some.AsClientsReadThem(annotations));
    }

    [Fact]
    public async Task ToolsList_Annotations_StateOnlyHintsThatDifferFromMcpsDefaults()
    {
        await using var mcp = await McpHarness.StartAsync(Some.ApproveWrites);

        var tools = (await mcp.Client.ListToolsAsync()).Select(t => t.ProtocolTool).ToList();

        // MCP's defaults: readOnlyHint false, destructiveHint true, idempotentHint false, openWorldHint true; the middle two
        // mean nothing for a read-only tool.
        Assert.All(tools, t => Assert.True(
            t.Annotations is { ReadOnlyHint: true or null, DestructiveHint: false or null, IdempotentHint: true or null, OpenWorldHint: false or null }
            && (t.Annotations.ReadOnlyHint is null || t.Annotations is { DestructiveHint: null, IdempotentHint: null }),
            t.Name));
        Assert.Contains(tools, t => t.Annotations!.DestructiveHint is null && t.Annotations.ReadOnlyHint is null);
    }

    [Fact]
    public async Task ToolsList_ClientOnTheDiscoverRevision_GetsWhatTheFrontDoorLists()
    {
        await using var handshake = await McpHarness.StartAsync(Some.ApproveWrites);
        await using var discover = await McpHarness.StartAsync(Some.ApproveWrites, protocolVersion: null);

        var viaFrontDoor = await handshake.Client.ListToolsAsync();
        var viaSdk = await discover.Client.ListToolsAsync();

        Assert.Equal("2026-07-28", discover.Client.NegotiatedProtocolVersion);
        Assert.Equal(viaFrontDoor.Count, viaSdk.Count);
        Assert.All(viaFrontDoor.Zip(viaSdk), pair => Assert.True(
            JsonElement.DeepEquals(Some.Json(pair.First.ProtocolTool), Some.Json(pair.Second.ProtocolTool)),
            pair.First.Name));
    }

    [Fact]
    public async Task ToolsList_ClientOnAnOlderProtocol_GetsTheTitleInTheAnnotations()
    {
        await using var mcp = await McpHarness.StartAsync(protocolVersion: "2025-03-26");

        var tool = (await mcp.Client.ListToolsAsync()).Single(t => t.Name == "cluster_status").ProtocolTool;

        Assert.Equal("Cluster status", tool.Annotations?.Title);
    }

    [Fact]
    public async Task ToolsList_NeedsNoClusterConnection()
    {
        await using var mcp = await McpHarness.StartAsync(Some.ApproveWrites);

        await mcp.Client.ListToolsAsync();

        Assert.Equal(0, mcp.Connects);
    }

    [Fact]
    public async Task CallTool_ReadTool_ReturnsItsResultFromTheCluster()
    {
        await using var mcp = await McpHarness.StartAsync();

        var result = await mcp.Client.CallToolAsync("cluster_status");

        Assert.NotEqual(true, result.IsError);
        var nodes = Some.Json(result).GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("name").GetString()).ToList();
        Assert.Equal(["brian", "pve3", "edge-tt"], nodes);
    }

    [Fact]
    public async Task CallTool_ReadToolWithArguments_PassesThem()
    {
        await using var mcp = await McpHarness.StartAsync();

        var result = await mcp.Client.CallToolAsync("get_guest", new Dictionary<string, object?> { ["guest"] = "dev-sandbox" });

        Assert.NotEqual(true, result.IsError);
        Assert.Equal(110, Some.Json(result).GetProperty("vmid").GetInt32());
    }

    [Fact]
    public async Task CallTool_MissingRequiredArgument_IsAToolErrorSayingWhich()
    {
        await using var mcp = await McpHarness.StartAsync();

        var result = await mcp.Client.CallToolAsync("get_guest");

        Assert.True(result.IsError);
        Assert.Contains("missing required argument 'guest'", Some.Json(result).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallTool_UnknownTool_IsAToolErrorWithCloseNames()
    {
        await using var mcp = await McpHarness.StartAsync();

        var result = await mcp.Client.CallToolAsync("cluster_stats");

        Assert.True(result.IsError);
        Assert.Contains("cluster_status", Some.Json(result).GetProperty("did_you_mean").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task CallTool_WriteToolWhileReadOnly_IsRefusedWithTheFixAndTouchesNothing()
    {
        await using var mcp = await McpHarness.StartAsync();

        var result = await mcp.Client.CallToolAsync("start_guest", Some.StartDevSandbox);

        Assert.True(result.IsError);
        Assert.Contains("mode: approve-writes", Some.Json(result).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Empty(await mcp.Store.ListAsync());
        Assert.Equal("stopped", (await mcp.Api.GetGuestStatusAsync("brian", Core.State.GuestType.Qemu, 110)).Status);
    }

    [Fact]
    public async Task CallTool_ConfigUnusable_ListsReadToolsAndEveryCallSaysWhatToFix()
    {
        await using var mcp = await McpHarness.StartAsync(configProblem: "cluster.yaml line 3: unknown key 'nodez' (did you mean 'nodes'?)");

        var tools = await mcp.Client.ListToolsAsync();
        var result = await mcp.Client.CallToolAsync("cluster_status");

        Assert.Contains(tools, t => t.Name == "cluster_status");
        Assert.DoesNotContain(tools, t => t.Name == "start_guest");
        Assert.True(result.IsError);
        Assert.Equal("cluster.yaml line 3: unknown key 'nodez' (did you mean 'nodes'?)", Some.Json(result).GetProperty("error").GetString());
    }

    [Fact]
    public async Task CallTool_UnexpectedFailure_IsAToolErrorWithoutAStackTrace()
    {
        await using var mcp = await McpHarness.StartAsync(connectFailure: new InvalidOperationException("the simulator state file is locked"));

        var result = await mcp.Client.CallToolAsync("cluster_status");

        Assert.True(result.IsError);
        var error = Some.Json(result).GetProperty("error").GetString()!;
        Assert.Contains("the simulator state file is locked", error, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Initialize_ReportsTheServerAndItsCapabilities()
    {
        await using var mcp = await McpHarness.StartAsync();

        Assert.Equal("pve-agent", mcp.Client.ServerInfo!.Name);
        Assert.Equal("9.9.9-test", mcp.Client.ServerInfo.Version);
        Assert.NotNull(mcp.Client.ServerCapabilities.Tools);
        Assert.NotNull(mcp.Client.ServerCapabilities.Resources);
        Assert.NotNull(mcp.Client.ServerCapabilities.Prompts);
        Assert.Contains("a person approves it, never you", mcp.Client.ServerInstructions, StringComparison.Ordinal);
    }
}
