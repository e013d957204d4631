using PveAgent.Core.Registry;
using PveAgent.Core.Telemetry;

namespace PveAgent.Core.Tests.Telemetry;

public sealed class NodeAgentTelemetryTransportTests
{
    private const string Token = "0123456789abcdef0123456789abcdef";
    private const string L40sRow = "0, GPU-00000000-0000-0000-0000-000000000000, NVIDIA L40S, 46068, 1235, 9, 54, 110.23, 350.00\n";

    private static readonly TelemetryConfig AgentTelemetry = new()
    {
        Source = TelemetrySource.NodeAgent,
        Url = new Uri("http://192.168.0.183:9100/"),
        TokenEnv = "PVEAGENT_NODE_TOKEN",
    };

    private static NodeAgentTelemetryTransport Transport(HttpMessageHandler handler, string? token = Token, TimeProvider? time = null) =>
        new(new HttpClient(handler), new HttpTelemetryOptions { Timeout = TimeSpan.FromSeconds(3) }, time, name => name == "PVEAGENT_NODE_TOKEN" ? token : null);

    private static AgentHttpHandler Agent(Func<ProcessRequest, ProcessResult> tool) =>
        new(new NodeAgentRequestHandler(new FakeProcessRunner(tool), new NodeAgentOptions { Token = Token }));

    [Fact]
    public async Task Read_AgainstTheRealHandler_ReturnsParsedGpus()
    {
        var agent = Agent(_ => new ProcessResult { StandardOutput = L40sRow });

        var result = await Transport(agent).ReadAsync(Some.Node(telemetry: AgentTelemetry));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("NVIDIA L40S", Assert.Single(result.Gpus).Name);
        Assert.Equal(TelemetrySource.NodeAgent, result.Source);
        var request = Assert.Single(agent.Requests);
        Assert.Equal("http://192.168.0.183:9100/v1/telemetry/nvidia-smi", request.RequestUri!.AbsoluteUri);
        Assert.Equal($"Bearer {Token}", request.Headers.Authorization!.ToString());
    }

    [Fact]
    public async Task Read_TenstorrentNode_FetchesTheSnapshot()
    {
        var snapshot = TruncatedJson.Repair(Fixture.Shared("tenstorrent", "issue_tt-firmware-26_p150a_snapshot_2025_EXCERPT.txt"));
        var agent = Agent(_ => new ProcessResult { StandardOutput = snapshot });

        var result = await Transport(agent).ReadAsync(Some.Node(kinds: [AcceleratorKind.Tenstorrent], telemetry: AgentTelemetry));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("p150a", Assert.Single(result.Tenstorrent!.Chips).BoardType);
    }

    [Fact]
    public async Task Read_AgentBehindAPathPrefix_KeepsThePrefix()
    {
        var agent = Agent(_ => new ProcessResult { StandardOutput = L40sRow });
        var telemetry = AgentTelemetry with { Url = new Uri("https://proxy.lab/agents/brian") };

        await Transport(agent).ReadAsync(Some.Node(telemetry: telemetry));

        Assert.Equal("/agents/brian/v1/telemetry/nvidia-smi", Assert.Single(agent.Requests).RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task Read_DriverMissingOnTheNode_IsDriverUnavailable()
    {
        var message = Fixture.Shared("nvidia", "errors_REAL.txt").Split('\n').First(l => l.StartsWith("NVIDIA-SMI has failed", StringComparison.Ordinal));
        var agent = Agent(_ => new ProcessResult { ExitCode = 9, StandardOutput = message });

        var result = await Transport(agent).ReadAsync(Some.Node(telemetry: AgentTelemetry));

        Assert.Equal(TelemetryFailureKind.DriverUnavailable, Assert.Single(result.Failures).Kind);
    }

    [Fact]
    public async Task Read_ToolMissingOnTheNode_IsToolMissing()
    {
        var agent = Agent(_ => new ProcessResult { StartError = "could not start tt-smi" });

        var result = await Transport(agent).ReadAsync(Some.Node(kinds: [AcceleratorKind.Tenstorrent], telemetry: AgentTelemetry));

        var failure = Assert.Single(result.Failures);
        Assert.Equal(TelemetryFailureKind.ToolMissing, failure.Kind);
        Assert.Contains("tt-smi is not installed", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_WrongToken_IsUnauthorizedNamingTheVariableButNotTheValue()
    {
        var agent = Agent(_ => new ProcessResult { StandardOutput = L40sRow });

        var result = await Transport(agent, token: "ffffffffffffffffffffffffffffffff").ReadAsync(Some.Node(telemetry: AgentTelemetry));

        var failure = Assert.Single(result.Failures);
        Assert.Equal(TelemetryFailureKind.Unauthorized, failure.Kind);
        Assert.Contains("PVEAGENT_NODE_TOKEN", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ffffffff", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_TokenVariableEmpty_IsConfigurationErrorWithoutCallingTheAgent()
    {
        var stub = new StubHttpHandler();

        var result = await Transport(stub, token: null).ReadAsync(Some.Node(telemetry: AgentTelemetry));

        var failure = Assert.Single(result.Failures);
        Assert.Equal(TelemetryFailureKind.Configuration, failure.Kind);
        Assert.StartsWith("environment variable PVEAGENT_NODE_TOKEN (nodes.brian.telemetry.token_env) is empty", failure.Message, StringComparison.Ordinal);
        Assert.Empty(stub.Requests);
    }

    [Fact]
    public async Task Read_NoTokenEnvConfigured_IsConfigurationError()
    {
        var result = await Transport(new StubHttpHandler()).ReadAsync(Some.Node(telemetry: AgentTelemetry with { TokenEnv = null }));

        Assert.Contains("nodes.brian.telemetry.token_env is not set", Assert.Single(result.Failures).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_NoUrl_IsConfigurationErrorSuggestingOne()
    {
        var result = await Transport(new StubHttpHandler()).ReadAsync(Some.Node(telemetry: AgentTelemetry with { Url = null }));

        var failure = Assert.Single(result.Failures);
        Assert.Equal(TelemetryFailureKind.Configuration, failure.Kind);
        Assert.Contains("nodes.brian.telemetry.url is missing", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_AgentNotRunning_IsUnreachableSuggestingToStartIt()
    {
        var stub = new StubHttpHandler().Refuse(NodeAgentProtocol.NvidiaSmiPath);

        var result = await Transport(stub).ReadAsync(Some.Node(telemetry: AgentTelemetry));

        var failure = Assert.Single(result.Failures);
        Assert.Equal(TelemetryFailureKind.Unreachable, failure.Kind);
        Assert.Contains("Connection refused", failure.Message, StringComparison.Ordinal);
        Assert.Contains("is `pve-agent node-agent` running on 192.168.0.183?", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_AgentThatNeverAnswers_TimesOutOnTheInjectedClock()
    {
        var arrived = new TaskCompletionSource();
        var stub = new StubHttpHandler().Hang(NodeAgentProtocol.NvidiaSmiPath, arrived);
        var time = new SignallingTimeProvider();

        var read = Transport(stub, time: time).ReadAsync(Some.Node(telemetry: AgentTelemetry));
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await time.TimerCreated;
        time.Advance(TimeSpan.FromSeconds(3));
        var result = await read.WaitAsync(TimeSpan.FromSeconds(20));

        var failure = Assert.Single(result.Failures);
        Assert.Equal(TelemetryFailureKind.Timeout, failure.Kind);
        Assert.Contains("within 3 s", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_SomethingElseAtTheUrl_IsServiceErrorNamingThePath()
    {
        var result = await Transport(new StubHttpHandler()).ReadAsync(Some.Node(telemetry: AgentTelemetry));

        var failure = Assert.Single(result.Failures);
        Assert.Equal(TelemetryFailureKind.ServiceError, failure.Kind);
        Assert.Contains("does not serve /v1/telemetry/nvidia-smi", failure.Message, StringComparison.Ordinal);
    }
}
