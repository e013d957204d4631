namespace PveAgent.Core.Telemetry;

/// <summary>Settings of <see cref="InferenceServiceProbe"/>.</summary>
public sealed class InferenceProbeOptions
{
    /// <summary>How long one service's probe may take, all its requests together (default 2 s, 100 ms–1 min).</summary>
    public TimeSpan Timeout
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.FromMilliseconds(100));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, TimeSpan.FromMinutes(1));
            field = value;
        }
    } = TimeSpan.FromSeconds(2);
}
