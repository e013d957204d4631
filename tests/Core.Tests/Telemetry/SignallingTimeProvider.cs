using PveAgent.TestSupport;

namespace PveAgent.Core.Tests.Telemetry;

/// <summary>A manual clock that also tells the test when code under test has armed a timer (so it can advance safely).</summary>
internal sealed class SignallingTimeProvider : TimeProvider
{
    private readonly ManualTimeProvider _clock = new();
    private readonly TaskCompletionSource _timerCreated = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first timer is created.</summary>
    public Task TimerCreated => _timerCreated.Task;

    public override DateTimeOffset GetUtcNow() => _clock.GetUtcNow();

    public override long GetTimestamp() => _clock.GetTimestamp();

    public override long TimestampFrequency => _clock.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = _clock.CreateTimer(callback, state, dueTime, period);
        _timerCreated.TrySetResult();
        return timer;
    }

    public void Advance(TimeSpan by) => _clock.Advance(by);
}
