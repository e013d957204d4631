using System.Diagnostics;

namespace PveAgent.Benchmarks.Support;

/// <summary>A clock 10,000× faster than real time, timers included: simulated Proxmox tasks finish almost at once, so what is timed is PveAgent's own work.</summary>
public sealed class FastClock : TimeProvider
{
    private const double Factor = 10_000;
    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow;
    private readonly long _origin = Stopwatch.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => _start + (Stopwatch.GetElapsedTime(_origin) * Factor);

    public override long TimestampFrequency { get; } = Math.Max(1, (long)(Stopwatch.Frequency / Factor));

    public override long GetTimestamp() => Stopwatch.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new Scaled(System.CreateTimer(callback, state, Scale(dueTime), Scale(period)));

    private static TimeSpan Scale(TimeSpan span) =>
        span == Timeout.InfiniteTimeSpan || span == TimeSpan.Zero ? span : TimeSpan.FromTicks(Math.Max(1, (long)(span.Ticks / Factor)));

    private sealed class Scaled(ITimer inner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(Scale(dueTime), Scale(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
