using System.Threading.Channels;
using PveAgent.TestSupport;

namespace PveAgent.Core.Tests.Proxmox.Fakes;

/// <summary>
/// A <see cref="ManualTimeProvider"/> that also announces every timer the code under test creates, so a test can wait until
/// the code sleeps and then advance exactly past that sleep — no polling, no real delays.
/// </summary>
public sealed class SignallingTimeProvider : TimeProvider
{
    private readonly ManualTimeProvider _clock = new();
    private readonly Channel<TimeSpan> _created = Channel.CreateUnbounded<TimeSpan>();

    public override DateTimeOffset GetUtcNow() => _clock.GetUtcNow();

    public override long GetTimestamp() => _clock.GetTimestamp();

    public override long TimestampFrequency => _clock.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = _clock.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _created.Writer.TryWrite(dueTime);
        }

        return timer;
    }

    /// <summary>Waits for the next timer to be created and returns its due time; the 10 s guard only turns a hang into a failure.</summary>
    public async Task<TimeSpan> NextTimerAsync() =>
        await _created.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    /// <summary>Waits for the next timer and moves the clock past it; returns its due time.</summary>
    public async Task<TimeSpan> AdvancePastNextTimerAsync()
    {
        var due = await NextTimerAsync();
        _clock.Advance(due);
        return due;
    }

    public void Advance(TimeSpan by) => _clock.Advance(by);
}
