using PveAgent.Core.Registry;

namespace PveAgent.Core.Telemetry;

/// <summary>Reads a node's accelerator telemetry through one transport (ssh, node agent, exporter).</summary>
public interface ITelemetryTransport
{
    /// <summary>
    /// Reads the telemetry of the node's configured accelerators. Expected failures (host down, tool or driver missing,
    /// bad configuration) are returned in <see cref="NodeTelemetryResult.Failures"/>, never thrown; cancellation throws.
    /// </summary>
    Task<NodeTelemetryResult> ReadAsync(NodeConfig node, CancellationToken cancellationToken = default);
}
