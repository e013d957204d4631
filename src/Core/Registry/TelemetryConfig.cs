namespace PveAgent.Core.Registry;

/// <summary>Where a node's telemetry comes from (<c>nodes.&lt;name&gt;.telemetry</c>).</summary>
public sealed record TelemetryConfig
{
    /// <summary>Transport; <see cref="TelemetrySource.Ssh"/> by default.</summary>
    public TelemetrySource Source { get; init; } = TelemetrySource.Ssh;

    /// <summary>SSH user (default <c>root</c>).</summary>
    public string SshUser { get; init; } = "root";

    /// <summary>URL of the node agent or exporter.</summary>
    public Uri? Url { get; init; }

    /// <summary>Environment variable that holds the node agent's token.</summary>
    public string? TokenEnv { get; init; }
}
