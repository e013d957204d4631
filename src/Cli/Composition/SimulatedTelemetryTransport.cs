using PveAgent.Core.Registry;
using PveAgent.Core.Telemetry;

namespace PveAgent.Cli.Composition;

/// <summary>
/// In simulation every node's telemetry comes from the simulator's node-agent endpoint (port 9100 at the node's host),
/// whatever transport the registry names: the simulator stands in for ssh, node agent and exporter alike.
/// </summary>
internal sealed class SimulatedTelemetryTransport(HttpClient http, TimeProvider clock) : ITelemetryTransport
{
    private const string TokenVariable = "PVEAGENT_SIMULATED_NODE_AGENT_TOKEN";
    private readonly NodeAgentTelemetryTransport _inner = new(http, new HttpTelemetryOptions(), clock, name => name == TokenVariable ? "simulated-node-agent-token" : null);

    public Task<NodeTelemetryResult> ReadAsync(NodeConfig node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        var host = node.Host.Contains(':', StringComparison.Ordinal) ? $"[{node.Host}]" : node.Host;
        var simulated = node with
        {
            Telemetry = new TelemetryConfig { Source = TelemetrySource.NodeAgent, Url = new Uri($"http://{host}:9100/"), TokenEnv = TokenVariable },
        };
        return _inner.ReadAsync(simulated, cancellationToken);
    }
}
