using PveAgent.Core.Registry;

namespace PveAgent.Core.Telemetry;

/// <summary>Dispatches each node to the transport its <c>telemetry.source</c> names; <c>none</c> yields an empty result.</summary>
/// <param name="ssh">Transport for <see cref="TelemetrySource.Ssh"/>.</param>
/// <param name="nodeAgent">Transport for <see cref="TelemetrySource.NodeAgent"/>.</param>
/// <param name="exporter">Transport for <see cref="TelemetrySource.Exporter"/>.</param>
public sealed class TelemetryTransportSelector(ITelemetryTransport ssh, ITelemetryTransport nodeAgent, ITelemetryTransport exporter)
    : ITelemetryTransport
{
    private readonly ITelemetryTransport _ssh = ssh ?? throw new ArgumentNullException(nameof(ssh));
    private readonly ITelemetryTransport _nodeAgent = nodeAgent ?? throw new ArgumentNullException(nameof(nodeAgent));
    private readonly ITelemetryTransport _exporter = exporter ?? throw new ArgumentNullException(nameof(exporter));

    /// <inheritdoc />
    public Task<NodeTelemetryResult> ReadAsync(NodeConfig node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Telemetry.Source switch
        {
            TelemetrySource.Ssh => _ssh.ReadAsync(node, cancellationToken),
            TelemetrySource.NodeAgent => _nodeAgent.ReadAsync(node, cancellationToken),
            TelemetrySource.Exporter => _exporter.ReadAsync(node, cancellationToken),
            _ => Task.FromResult(new NodeTelemetryResult { Node = node.Name, Source = TelemetrySource.None }),
        };
    }
}
