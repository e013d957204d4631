namespace PveAgent.Core.Execution;

/// <summary>Timeouts and polling of <see cref="ClusterActionRunner"/>; the defaults suit a home lab.</summary>
public sealed class ActionRunnerOptions
{
    /// <summary>
    /// How long to wait for a Proxmox task to finish; null (default) uses the client's own default
    /// (<see cref="Proxmox.ProxmoxClientOptions.DefaultTaskTimeout"/>, 30 min).
    /// </summary>
    public TimeSpan? TaskTimeout
    {
        get;
        set => field = value is null || value > TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The task timeout must be positive (or null for the client's default).");
    }

    /// <summary>How often a woken node's state is read while it boots (default 5 s, at least 100 ms).</summary>
    public TimeSpan WakePollInterval
    {
        get;
        set => field = value >= TimeSpan.FromMilliseconds(100)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "Poll at most every 100 ms: PVE has only 3 API workers.");
    } = TimeSpan.FromSeconds(5);

    /// <summary>How long a woken node may take to come online when the registry gives no <c>boot_seconds</c> (default 300 s).</summary>
    public TimeSpan DefaultWakeTimeout
    {
        get;
        set => field = value > TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The wake timeout must be positive.");
    } = TimeSpan.FromSeconds(300);

    /// <summary>The wake timeout is the node's <c>boot_seconds</c> times this factor (default 3, 1–100).</summary>
    public double WakeTimeoutFactor
    {
        get;
        set => field = value is >= 1 and <= 100
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The factor must be between 1 and 100.");
    } = 3;

    /// <summary>
    /// Clock difference allowed between this machine and the nodes when recovery matches a task's start time to the
    /// time the request was sent (default 5 s, 0–10 min).
    /// </summary>
    public TimeSpan RecoveryClockSkew
    {
        get;
        set => field = value >= TimeSpan.Zero && value <= TimeSpan.FromMinutes(10)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The clock skew must be between 0 and 10 minutes.");
    } = TimeSpan.FromSeconds(5);
}
