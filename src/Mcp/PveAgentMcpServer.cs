using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using PveAgent.Mcp.Stdio;
using PveAgent.Mcp.Tools;

namespace PveAgent.Mcp;

/// <summary>
/// The PveAgent MCP server: every tool of the <see cref="Plugins.ToolCatalog"/> under the same guardrails, plan tools,
/// resources and prompts. Over streams, a front door answers <c>initialize</c> and <c>tools/list</c> from precomputed
/// bytes and hands the session to the SDK server (low-level handlers, no generic host) at the first other request.
/// </summary>
public static class PveAgentMcpServer
{
    /// <summary>
    /// Starts preparing, on a background thread, what the first answers need — the embedded tool listing and the
    /// framework's JSON reader and writer, whose first use costs ~15 ms of JIT — so that it overlaps the host's own
    /// start-up. Optional: without it the first answers do the same work themselves.
    /// </summary>
    public static void StartWarmUp() => new Thread(WarmUp) { IsBackground = true, Name = "MCP warm-up" }.Start();

    /// <summary>Serves MCP over this process's stdin and stdout until the client closes stdin or <paramref name="cancellationToken"/> fires.</summary>
    /// <remarks>Until the first request the front door does not answer, stdin is read with blocking calls, which the token cannot interrupt.</remarks>
    public static async Task RunStdioAsync(McpServerSetup setup, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(setup);
        await using var input = Console.OpenStandardInput();
        await using var output = Console.OpenStandardOutput();
        await RunAsync(setup, input, output, blocking: true, cancellationToken);
    }

    /// <summary>Serves MCP over line-delimited JSON-RPC on <paramref name="input"/> and <paramref name="output"/>, as on stdio.</summary>
    public static Task RunAsync(McpServerSetup setup, Stream input, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        return RunAsync(setup, input, output, blocking: false, cancellationToken);
    }

    /// <summary>Serves MCP over <paramref name="transport"/> with the SDK alone, from the first message on.</summary>
    public static async Task RunAsync(McpServerSetup setup, ITransport transport, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(transport);
        using var world = new McpWorld(setup);
        world.StartLoading();
        await ServeAsync(world, transport, cancellationToken);
    }

    private static async Task RunAsync(McpServerSetup setup, Stream input, Stream output, bool blocking, CancellationToken cancellationToken)
    {
        using var world = new McpWorld(setup);

        // The client has what it waits for at start-up and now waits for its user: prepare the rest meanwhile.
        var door = new McpFrontDoor(input, output, world, () => PrepareCalls(world), blocking);
        if (await door.ServeAsync(cancellationToken) is not { } handoff)
        {
            return;
        }

        // Buffered as the SDK's stdio transport does: one write per message, not one for the JSON and one for its newline.
        ITransport transport = new StreamServerTransport(new PrefixedStream(handoff.Replay, input), new BufferedStream(output), McpServerIdentity.Name, setup.LoggerFactory);
        if (handoff.Initialize is { IdText: { } id } initialize)
        {
            var replayed = initialize.IdIsString ? new RequestId(id) : new RequestId(long.Parse(id, System.Globalization.CultureInfo.InvariantCulture));
            transport = new HandoffTransport(transport, replayed, setup.LoggerFactory.CreateLogger("PveAgent.Mcp"));
        }

        await using (transport)
        {
            await ServeAsync(world, transport, cancellationToken);
        }
    }

    /// <summary>
    /// Starts, in the background, what the first call after the listing needs: the configuration, the tool catalog, and
    /// the SDK server's code (a throwaway server answers a canned session into nothing; its JSON contracts and handler
    /// paths are then compiled when the real one is created). The cluster is still connected only by the first call.
    /// </summary>
    private static void PrepareCalls(McpWorld world)
    {
        world.StartLoading();
        _ = Task.Run(async () =>
        {
            try
            {
                _ = Plugins.ToolCatalog.Default;
                using var handlers = new McpHandlers(world);
                using var session = new MemoryStream(WarmUpSession);
                await using var transport = new StreamServerTransport(session, Stream.Null);
                await using var server = McpServer.Create(transport, handlers.CreateOptions());
                await server.RunAsync();
            }
#pragma warning disable CA1031 // Best effort in the background: the real server does the same work and reports its failures.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        });
    }

    private static void WarmUp()
    {
        try
        {
            IncomingMessage.Parse("""{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"warm-up","version":"0"}}}"""u8);
            McpServerIdentity.InitializeResult("2025-11-25", "0");
            McpToolListing.Shared.Result(McpPolicy.ReadOnlyFallback, null);
        }
#pragma warning disable CA1031 // Best effort on a background thread: the first real answer does the same work and reports its failure.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static readonly byte[] WarmUpSession = """
        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"warm-up","version":"0"}}}
        {"jsonrpc":"2.0","method":"notifications/initialized"}
        {"jsonrpc":"2.0","id":2,"method":"tools/list"}
        {"jsonrpc":"2.0","id":3,"method":"resources/list"}
        {"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"no_such_tool","arguments":{}}}

        """u8.ToArray();

    private static async Task ServeAsync(McpWorld world, ITransport transport, CancellationToken cancellationToken)
    {
        using var handlers = new McpHandlers(world);
        await using var server = McpServer.Create(transport, handlers.CreateOptions(), world.Setup.LoggerFactory);
        await server.RunAsync(cancellationToken);
    }
}
