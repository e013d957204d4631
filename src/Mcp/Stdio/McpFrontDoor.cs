namespace PveAgent.Mcp.Stdio;

/// <summary>
/// Answers what an MCP client asks first — <c>initialize</c> and <c>tools/list</c> — straight from stdin with precomputed
/// bytes, before the SDK server exists (creating it costs ~200 ms of JIT for its JSON contracts). The first request it
/// does not answer ends its part: <see cref="ServeAsync"/> returns what the SDK server must read first (the client's
/// <c>initialize</c>, to replay, and every unread byte), and the SDK takes over the same streams.
/// </summary>
/// <remarks>
/// It answers only what the SDK would answer the same way: <c>initialize</c> for a revision the SDK echoes, with no
/// <c>_meta</c>, and <c>tools/list</c> after it without a cursor. Everything else — <c>server/discover</c> of the
/// 2026-07-28 revision, a ping, a malformed line — goes to the SDK untouched.
/// </remarks>
/// <param name="input">The client's messages.</param>
/// <param name="output">Where the answers go.</param>
/// <param name="world">The server's world: its setup and the tool listing.</param>
/// <param name="afterFirstListing">What to start once the first <c>tools/list</c> is answered (the client then waits for its user).</param>
/// <param name="blocking">
/// True to read and write with blocking calls, for console streams: they have no asynchronous I/O of their own, and the
/// thread-pool round trips the asynchronous calls would make cost ~20 ms at start-up. A blocking read ignores the token.
/// </param>
internal sealed class McpFrontDoor(Stream input, Stream output, McpWorld world, Action? afterFirstListing = null, bool blocking = false)
{
    private static readonly byte[] ResponseStart = """{"jsonrpc":"2.0","id":"""u8.ToArray();
    private static readonly byte[] ResultStart = ""","result":"""u8.ToArray();

    /// <summary>Serves until a request it does not answer (the handoff) or the end of the input (null).</summary>
    public async Task<FrontDoorHandoff?> ServeAsync(CancellationToken cancellationToken = default)
    {
        var buffer = new byte[8 * 1024];
        int start = 0, end = 0;
        IncomingMessage? initialize = null;
        byte[]? initializeLine = null, initializedLine = null;
        var listed = false;
        while (true)
        {
            var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (newline < 0)
            {
                if (end - start == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                buffer.AsSpan(start, end - start).CopyTo(buffer);
                (start, end) = (0, end - start);
                var read = await ReadAsync(buffer.AsMemory(end), cancellationToken);
                if (read == 0)
                {
                    // A last line without its newline is still a message; the SDK reads it.
                    return buffer.AsSpan(start, end - start).Trim(" \t\r"u8).IsEmpty ? null : Handoff();
                }

                end += read;
                continue;
            }

            var next = start + newline + 1;
            var line = buffer.AsSpan(start, newline).Trim(" \t\r"u8).ToArray();
            var message = line.Length == 0 ? null : IncomingMessage.Parse(line);
            if (line.Length == 0)
            {
                // Blank lines separate nothing.
            }
            else if (initialize is null && message is { IsPlainInitialize: true } && McpServerIdentity.IsHandshakeRevision(message.ProtocolVersion))
            {
                await AnswerAsync(message.RawId!, McpServerIdentity.InitializeResult(message.ProtocolVersion!, world.Setup.Version), cancellationToken);
                (initialize, initializeLine) = (message, line);
            }
            else if (initialize is not null && initializedLine is null && message is { Method: "notifications/initialized", RawId: null, IsPlain: true })
            {
                initializedLine = line;
            }
            else if (initialize is not null && message is { Method: "tools/list", RawId: not null, IsPlain: true })
            {
                await AnswerAsync(message.RawId, await world.ListToolsAsync(initialize.ProtocolVersion, cancellationToken), cancellationToken);
                if (!listed)
                {
                    listed = true;
                    afterFirstListing?.Invoke();
                }
            }
            else
            {
                return Handoff();
            }

            start = next;
        }

        FrontDoorHandoff Handoff()
        {
            byte[] replay = [.. Line(initializeLine), .. Line(initializedLine), .. buffer.AsSpan(start, end - start)];
            return new FrontDoorHandoff(replay, initialize);
        }
    }

    private static byte[] Line(byte[]? line) => line is null ? [] : [.. line, (byte)'\n'];

    private async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (blocking)
        {
            return input.Read(buffer.Span);
        }

        // Stop waiting when told to, even for a stream that ignores tokens.
        var pending = input.ReadAsync(buffer, cancellationToken);
        return pending.IsCompletedSuccessfully ? pending.Result : await pending.AsTask().WaitAsync(cancellationToken);
    }

    private async ValueTask AnswerAsync(byte[] id, byte[] result, CancellationToken cancellationToken)
    {
        byte[] response = [.. ResponseStart, .. id, .. ResultStart, .. result, (byte)'}', (byte)'\n'];
        if (blocking)
        {
            output.Write(response);
            output.Flush();
            return;
        }

        await output.WriteAsync(response, cancellationToken);
        await output.FlushAsync(cancellationToken);
    }
}
