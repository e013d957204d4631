namespace PveAgent.Core.Telemetry;

/// <summary>Settings of <see cref="SshTelemetryTransport"/>.</summary>
public sealed class SshTelemetryOptions
{
    /// <summary>The ssh client to run (default <c>ssh</c>, found on <c>PATH</c>).</summary>
    public string SshExecutable
    {
        get;
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            field = value;
        }
    } = "ssh";

    /// <summary>ssh <c>ConnectTimeout</c> in seconds (default 5, 1–120).</summary>
    public int ConnectTimeoutSeconds
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 120);
            field = value;
        }
    } = 5;

    /// <summary>How long one remote command may take in total, connection included (default 20 s, 1 s–10 min).</summary>
    public TimeSpan CommandTimeout
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.FromSeconds(1));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, TimeSpan.FromMinutes(10));
            field = value;
        }
    } = TimeSpan.FromSeconds(20);
}
