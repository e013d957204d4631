using System.Diagnostics;

namespace PveAgent.TestSupport;

/// <summary>
/// A clock that runs <c>factor</c> times faster than real time, timers included: a simulated 13 s migration polled
/// every second finishes in well under a second. For end-to-end tests of whole commands, where a manual clock would
/// need a second thread stepping it; nothing waits on it for synchronisation — it only makes simulated time short.
/// </summary>
public sealed class AcceleratedTimeProvider(double factor) : TimeProvider
{
    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow;
    private readonly long _origin = Stopwatch.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => _start + (Stopwatch.GetElapsedTime(_origin) * factor);

    public override long GetTimestamp() => Stopwatch.GetTimestamp();

    public override long TimestampFrequency { get; } = Math.Max(1, (long)(Stopwatch.Frequency / factor));

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(System.CreateTimer(callback, state, Scale(dueTime), Scale(period)), this);

    private TimeSpan Scale(TimeSpan span) =>
        span == Timeout.InfiniteTimeSpan || span == TimeSpan.Zero ? span : TimeSpan.FromTicks(Math.Max(1, (long)(span.Ticks / factor)));

    private sealed class ScaledTimer(ITimer inner, AcceleratedTimeProvider owner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(owner.Scale(dueTime), owner.Scale(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
