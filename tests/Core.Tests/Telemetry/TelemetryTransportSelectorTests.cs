using PveAgent.Core.Registry;
using PveAgent.Core.Telemetry;

namespace PveAgent.Core.Tests.Telemetry;

public sealed class TelemetryTransportSelectorTests
{
    private sealed class Recording(TelemetrySource source) : ITelemetryTransport
    {
        public List<string> Nodes { get; } = [];

        public Task<NodeTelemetryResult> ReadAsync(NodeConfig node, CancellationToken cancellationToken = default)
        {
            Nodes.Add(node.Name);
            return Task.FromResult(new NodeTelemetryResult { Node = node.Name, Source = source });
        }
    }

    [Theory]
    [InlineData(TelemetrySource.Ssh)]
    [InlineData(TelemetrySource.NodeAgent)]
    [InlineData(TelemetrySource.Exporter)]
    public async Task Read_DispatchesToTheConfiguredTransport(TelemetrySource source)
    {
        var ssh = new Recording(TelemetrySource.Ssh);
        var agent = new Recording(TelemetrySource.NodeAgent);
        var exporter = new Recording(TelemetrySource.Exporter);
        var selector = new TelemetryTransportSelector(ssh, agent, exporter);

        var result = await selector.ReadAsync(Some.Node(telemetry: new TelemetryConfig { Source = source }));

        Assert.Equal(source, result.Source);
        Assert.Equal(1, ssh.Nodes.Count + agent.Nodes.Count + exporter.Nodes.Count);
    }

    [Fact]
    public async Task Read_SourceNone_CallsNoTransportAndSucceedsEmpty()
    {
        var ssh = new Recording(TelemetrySource.Ssh);
        var selector = new TelemetryTransportSelector(ssh, ssh, ssh);

        var result = await selector.ReadAsync(Some.Node(telemetry: new TelemetryConfig { Source = TelemetrySource.None }));

        Assert.True(result.Succeeded);
        Assert.Empty(result.Gpus);
        Assert.Empty(ssh.Nodes);
    }
}
