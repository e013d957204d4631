using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace PveAgent.Mcp.Stdio;

/// <summary>
/// The SDK server's transport after <see cref="McpFrontDoor"/> answered <c>initialize</c>: the replayed
/// <c>initialize</c> (the first message <c>inner</c> reads) reaches the server alone, its answer is dropped (the client
/// has the front door's), and only then do the other messages follow — as a client that waits for its answer sends them.
/// So the server holds the client's capabilities and negotiated revision exactly as if it had answered itself.
/// </summary>
internal sealed partial class HandoffTransport : ITransport
{
    private readonly ITransport _inner;
    private readonly RequestId _replayed;
    private readonly ILogger _logger;
    private readonly Channel<JsonRpcMessage> _messages = Channel.CreateUnbounded<JsonRpcMessage>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly TaskCompletionSource _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _pump;

    public HandoffTransport(ITransport inner, RequestId replayed, ILogger logger)
    {
        _inner = inner;
        _replayed = replayed;
        _logger = logger;
        _pump = PumpAsync();
    }

    public string? SessionId => _inner.SessionId;

    public ChannelReader<JsonRpcMessage> MessageReader => _messages.Reader;

    public Task SendMessageAsync(JsonRpcMessage message, CancellationToken cancellationToken = default)
    {
        if (!_answered.Task.IsCompleted && message is JsonRpcResponse or JsonRpcError && ((JsonRpcMessageWithId)message).Id == _replayed)
        {
            if (message is JsonRpcError error)
            {
                // The front door answered something the SDK refuses: the session goes on, but say so.
                LogReplayRefused(error.Error.Message);
            }

            _answered.TrySetResult();
            return Task.CompletedTask;
        }

        return _inner.SendMessageAsync(message, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _answered.TrySetResult();
        await _inner.DisposeAsync();
        await _pump;
    }

    private async Task PumpAsync()
    {
        try
        {
            var first = true;
            await foreach (var message in _inner.MessageReader.ReadAllAsync())
            {
                await _messages.Writer.WriteAsync(message);
                if (first)
                {
                    first = false;
                    await _answered.Task;
                }
            }

            _messages.Writer.TryComplete();
        }
        catch (Exception e)
        {
            _messages.Writer.TryComplete(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The SDK refused the replayed initialize request ({Reason}); the session continues with the front door's answer")]
    private partial void LogReplayRefused(string reason);
}
