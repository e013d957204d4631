using PveAgent.Core.Registry;
using PveAgent.Core.Telemetry;

namespace PveAgent.Core.Tests.Execution;

/// <summary>A telemetry transport that reads nothing: the snapshot falls back to the registry's description of the accelerators.</summary>
internal sealed class NoTelemetry : ITelemetryTransport
{
    public Task<NodeTelemetryResult> ReadAsync(NodeConfig node, CancellationToken cancellationToken = default) =>
        Task.FromResult(new NodeTelemetryResult { Node = node.Name });
}
