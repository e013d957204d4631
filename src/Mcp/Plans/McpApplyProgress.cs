using System.Threading.Channels;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using PveAgent.Core.Plans;
using PveAgent.Core.Security;

namespace PveAgent.Mcp.Plans;

/// <summary>
/// Turns apply events into MCP progress notifications for the request's progress token: progress counts steps done
/// (fractions while a step's Proxmox task reports how far it is), total is the number of steps, the message is the
/// event's line. Notifications are sent in order by one pump, never after <see cref="CompleteAsync"/> returns.
/// </summary>
internal sealed class McpApplyProgress : IProgress<ApplyProgress>
{
    private readonly McpServer _server;
    private readonly ProgressToken _token;
    private readonly int _steps;
    private readonly SecretRedactor _redactor;
    private readonly Channel<ProgressNotificationValue> _queue = Channel.CreateUnbounded<ProgressNotificationValue>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _pump;
    private float _done;

    public McpApplyProgress(McpServer server, ProgressToken token, int steps, SecretRedactor redactor)
    {
        _server = server;
        _token = token;
        _steps = Math.Max(1, steps);
        _redactor = redactor;
        _pump = PumpAsync();
    }

    public void Report(ApplyProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var at = value.Kind switch
        {
            ApplyProgressKind.StepStarting when value.Step is { } step => step - 1,
            ApplyProgressKind.StepProgress when value.Step is { } step => step - 1 + (float)Math.Clamp(value.Action?.Fraction ?? 0, 0, 0.99),
            ApplyProgressKind.StepFinished or ApplyProgressKind.StepSkipped when value.Step is { } step => step,
            ApplyProgressKind.Finished => _steps,
            _ => _done,
        };

        // MCP requires progress to grow with every notification.
        _done = Math.Max(_done, at);
        var message = value.Kind == ApplyProgressKind.StepProgress && value.Action is { } action ? $"step {value.Step}: {action.Message}" : value.Message;
        _queue.Writer.TryWrite(new ProgressNotificationValue { Progress = _done, Total = _steps, Message = _redactor.Redact(message) });
    }

    /// <summary>Sends what is queued and stops.</summary>
    public Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
        return _pump;
    }

    private async Task PumpAsync()
    {
        await foreach (var value in _queue.Reader.ReadAllAsync())
        {
            try
            {
                await _server.NotifyProgressAsync(_token, value);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
            {
                // The client went away; the apply goes on and is journaled all the same.
                return;
            }
        }
    }
}
