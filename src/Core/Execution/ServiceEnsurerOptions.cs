namespace PveAgent.Core.Execution;

/// <summary>How long and how often <see cref="ServiceEnsurer"/> waits for a service to answer.</summary>
public sealed class ServiceEnsurerOptions
{
    /// <summary>Longest wait for a started service to answer its health endpoint (default 5 min: large models load slowly; 1 s–2 h).</summary>
    public TimeSpan ReadyTimeout
    {
        get;
        set => field = value >= TimeSpan.FromSeconds(1) && value <= TimeSpan.FromHours(2)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The ready timeout must be between 1 second and 2 hours.");
    } = TimeSpan.FromMinutes(5);

    /// <summary>Pause between health checks (default 2 s, at least 100 ms).</summary>
    public TimeSpan PollInterval
    {
        get;
        set => field = value >= TimeSpan.FromMilliseconds(100)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "Check at most every 100 ms.");
    } = TimeSpan.FromSeconds(2);

    /// <summary>Longest one health check may take (default 5 s, 100 ms–1 min).</summary>
    public TimeSpan CheckTimeout
    {
        get;
        set => field = value >= TimeSpan.FromMilliseconds(100) && value <= TimeSpan.FromMinutes(1)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "One health check may take between 100 ms and 1 minute.");
    } = TimeSpan.FromSeconds(5);
}
