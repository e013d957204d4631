namespace PveAgent.Core.Routing;

/// <summary>
/// The latest completion latencies of one model on one service (a moving window of fixed size), fed by the executor as requests
/// finish; thread-safe. The router never reads it directly: it reads a <see cref="LatencySummary"/> taken from it.
/// </summary>
public sealed class LatencyWindow
{
    private readonly Lock _gate = new();
    private readonly double[] _samples;
    private int _count;
    private int _next;

    /// <summary>A window of the last <paramref name="capacity"/> samples (default 50, 1–10000).</summary>
    public LatencyWindow(int capacity = 50)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, 10_000);
        _samples = new double[capacity];
    }

    /// <summary>Most samples the window keeps.</summary>
    public int Capacity => _samples.Length;

    /// <summary>Adds one measured latency in milliseconds, pushing out the oldest when full; negative or non-finite values are ignored.</summary>
    public void Record(double milliseconds)
    {
        if (!double.IsFinite(milliseconds) || milliseconds < 0)
        {
            return;
        }

        lock (_gate)
        {
            _samples[_next] = milliseconds;
            _next = (_next + 1) % _samples.Length;
            _count = Math.Min(_count + 1, _samples.Length);
        }
    }

    /// <summary>Count, mean and 95th percentile (nearest rank) of the samples now in the window.</summary>
    public LatencySummary Summarize()
    {
        double[] copy;
        lock (_gate)
        {
            if (_count == 0)
            {
                return default;
            }

            copy = new double[_count];
            // The window is either not yet wrapped (samples at 0.._count) or full (every slot is a sample).
            Array.Copy(_samples, copy, _count);
        }

        Array.Sort(copy);
        var rank = (int)Math.Ceiling(0.95 * copy.Length) - 1;
        return new LatencySummary(copy.Length, copy.Average(), copy[Math.Clamp(rank, 0, copy.Length - 1)]);
    }
}
