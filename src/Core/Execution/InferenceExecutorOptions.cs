namespace PveAgent.Core.Execution;

/// <summary>Limits of the inference executors.</summary>
public sealed class InferenceExecutorOptions
{
    /// <summary>Longest a whole request may take, streaming included (default 10 min, 1 s–24 h).</summary>
    public TimeSpan Timeout
    {
        get;
        set => field = value >= TimeSpan.FromSeconds(1) && value <= TimeSpan.FromHours(24)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The inference timeout must be between 1 second and 24 hours.");
    } = TimeSpan.FromMinutes(10);
}
