namespace PveAgent.Core.Telemetry;

/// <summary>Settings of the HTTP telemetry transports (node agent, exporter).</summary>
public sealed class HttpTelemetryOptions
{
    /// <summary>How long one request may take (default 5 s, 100 ms–2 min).</summary>
    public TimeSpan Timeout
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.FromMilliseconds(100));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, TimeSpan.FromMinutes(2));
            field = value;
        }
    } = TimeSpan.FromSeconds(5);
}
