namespace PveAgent.Core.Proxmox;

/// <summary>Timeouts, retries and task polling of <see cref="ProxmoxApiClient"/>; the defaults suit a home lab on a LAN.</summary>
public sealed class ProxmoxClientOptions
{
    /// <summary>Longest wait for one HTTP exchange before the host counts as silent. Default 10 s; <see cref="Timeout.InfiniteTimeSpan"/> disables it.</summary>
    public TimeSpan RequestTimeout
    {
        get;
        set => field = value == Timeout.InfiniteTimeSpan || value > TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The request timeout must be positive (or infinite).");
    } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after the first attempt of a GET on transient failures (0–10). Default 2, i.e. 3 attempts.</summary>
    public int MaxRetryAttempts
    {
        get;
        set => field = value is >= 0 and <= 10
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "Retries must be between 0 and 10.");
    } = 2;

    /// <summary>Median first retry delay; later ones grow exponentially with jitter. Default 500 ms.</summary>
    public TimeSpan RetryBaseDelay
    {
        get;
        set => field = value >= TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The retry delay cannot be negative.");
    } = TimeSpan.FromMilliseconds(500);

    /// <summary>First task status poll interval. Default 1 s (as proxmoxer); must be at least 100 ms.</summary>
    public TimeSpan TaskPollInterval
    {
        get;
        set => field = value >= TimeSpan.FromMilliseconds(100)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "Poll at most every 100 ms: PVE has only 3 API workers.");
    } = TimeSpan.FromSeconds(1);

    /// <summary>Poll interval the backoff grows to (×1.5 per poll). Default 2 s (as cv4pve-cli).</summary>
    public TimeSpan TaskMaxPollInterval
    {
        get;
        set => field = value >= TimeSpan.FromMilliseconds(100)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "Poll at most every 100 ms: PVE has only 3 API workers.");
    } = TimeSpan.FromSeconds(2);

    /// <summary>How long <see cref="IProxmoxApi.WaitForTaskAsync"/> waits when the caller gives no timeout. Default 30 min (migrations of large disks take long).</summary>
    public TimeSpan DefaultTaskTimeout
    {
        get;
        set => field = value > TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The task timeout must be positive.");
    } = TimeSpan.FromMinutes(30);

    /// <summary>Task log lines kept in a failed <see cref="TaskOutcome"/> (1–500). Default 20.</summary>
    public int TaskLogTailLines
    {
        get;
        set => field = value is >= 1 and <= 500
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "Keep between 1 and 500 log lines.");
    } = 20;
}
