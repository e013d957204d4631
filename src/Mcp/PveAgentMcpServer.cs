using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace PveAgent.Mcp;

/// <summary>
/// The PveAgent MCP server: every tool of the <see cref="Plugins.ToolCatalog"/> under the same guardrails, plan tools,
/// resources and prompts. Built on the SDK's low-level handlers with no generic host, so it answers <c>tools/list</c>
/// quickly after spawn.
/// </summary>
public static class PveAgentMcpServer
{
    /// <summary>Serves MCP over this process's stdin and stdout until the client closes stdin or <paramref name="cancellationToken"/> fires.</summary>
    public static async Task RunStdioAsync(McpServerSetup setup, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(setup);
        using var handlers = new McpHandlers(setup);
        handlers.StartLoading();
        var options = handlers.CreateOptions();
        await using var transport = new StdioServerTransport(options, setup.LoggerFactory);
        await RunAsync(handlers, options, transport, setup, cancellationToken);
    }

    /// <summary>Serves MCP over <paramref name="transport"/> (tests use a stream pair).</summary>
    public static async Task RunAsync(McpServerSetup setup, ITransport transport, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(transport);
        using var handlers = new McpHandlers(setup);
        handlers.StartLoading();
        await RunAsync(handlers, handlers.CreateOptions(), transport, setup, cancellationToken);
    }

    private static async Task RunAsync(McpHandlers handlers, McpServerOptions options, ITransport transport, McpServerSetup setup, CancellationToken cancellationToken)
    {
        _ = handlers;
        await using var server = McpServer.Create(transport, options, setup.LoggerFactory);
        await server.RunAsync(cancellationToken);
    }
}
