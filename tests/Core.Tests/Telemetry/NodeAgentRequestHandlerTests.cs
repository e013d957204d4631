using PveAgent.Core.Telemetry;

namespace PveAgent.Core.Tests.Telemetry;

public sealed class NodeAgentRequestHandlerTests
{
    private const string Token = "0123456789abcdef0123456789abcdef";
    private const string Bearer = "Bearer " + Token;

    private static (NodeAgentRequestHandler Handler, FakeProcessRunner Runner) Create(Func<ProcessRequest, ProcessResult> answer)
    {
        var runner = new FakeProcessRunner(answer);
        return (new NodeAgentRequestHandler(runner, new NodeAgentOptions { Token = Token, ToolTimeout = TimeSpan.FromSeconds(9) }), runner);
    }

    [Fact]
    public async Task Get_NvidiaSmiWithToken_RunsTheGpuQueryAndReturnsItsRawOutput()
    {
        var csv = Fixture.Local("nvidia_gpu_exporter", "linux-x86_64__nvidia-l40s__595.80__load__query-gpu.csv");
        var (handler, runner) = Create(_ => new ProcessResult { StandardOutput = csv });

        var response = await handler.HandleAsync("GET", NodeAgentProtocol.NvidiaSmiPath, Bearer);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(NodeAgentProtocol.CsvContentType, response.ContentType);
        Assert.Equal(csv, response.Body);
        var request = Assert.Single(runner.Requests);
        Assert.Equal("nvidia-smi", request.FileName);
        Assert.Equal(NvidiaSmiCsvParser.GpuQueryArguments, request.Arguments);
        Assert.Equal(TimeSpan.FromSeconds(9), request.Timeout);
    }

    [Fact]
    public async Task Get_TtSmi_RunsTheSnapshotAndAnswersJson()
    {
        var (handler, runner) = Create(_ => new ProcessResult { StandardOutput = "{}" });

        var response = await handler.HandleAsync("GET", NodeAgentProtocol.TtSmiPath + "?fresh=1", "bearer " + Token);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(NodeAgentProtocol.JsonContentType, response.ContentType);
        Assert.Equal(["-s", "--snapshot_no_tty"], Assert.Single(runner.Requests).Arguments);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong")]
    [InlineData("Bearer 0123456789abcdef0123456789abcdeF")]
    [InlineData("Basic " + Token)]
    [InlineData(Token)]
    public async Task Get_WithoutTheRightBearerToken_Is401AndRunsNothing(string? authorization)
    {
        var (handler, runner) = Create(_ => throw new InvalidOperationException("must not run"));

        var response = await handler.HandleAsync("GET", NodeAgentProtocol.NvidiaSmiPath, authorization);

        Assert.Equal(401, response.StatusCode);
        Assert.Equal("Bearer", response.WwwAuthenticate);
        Assert.DoesNotContain(Token, response.Body, StringComparison.Ordinal);
        Assert.Empty(runner.Requests);
    }

    [Fact]
    public async Task Get_UnknownPathWithoutToken_Is401SoPathsStayHidden()
    {
        var (handler, _) = Create(_ => new ProcessResult());

        Assert.Equal(401, (await handler.HandleAsync("GET", "/v1/secret-things", null)).StatusCode);
        Assert.Equal(404, (await handler.HandleAsync("GET", "/v1/secret-things", Bearer)).StatusCode);
    }

    [Fact]
    public async Task Post_IsMethodNotAllowed()
    {
        var (handler, runner) = Create(_ => new ProcessResult());

        Assert.Equal(405, (await handler.HandleAsync("POST", NodeAgentProtocol.NvidiaSmiPath, Bearer)).StatusCode);
        Assert.Empty(runner.Requests);
    }

    [Fact]
    public async Task Health_AnswersWithoutAToken()
    {
        var (handler, _) = Create(_ => new ProcessResult());

        var response = await handler.HandleAsync("GET", NodeAgentProtocol.HealthPath + "/", null);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("ok", response.Body);
    }

    [Fact]
    public async Task Get_ToolMissing_Is503()
    {
        var (handler, _) = Create(_ => new ProcessResult { StartError = "could not start nvidia-smi: No such file or directory" });

        var response = await handler.HandleAsync("GET", NodeAgentProtocol.NvidiaSmiPath, Bearer);

        Assert.Equal(NodeAgentProtocol.ToolMissingStatus, response.StatusCode);
        Assert.Contains("nvidia-smi is not installed", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_ToolFailed_Is502WithItsOutputForTheClientToClassify()
    {
        var message = Fixture.Shared("nvidia", "errors_REAL.txt").Split('\n').First(l => l.StartsWith("NVIDIA-SMI has failed", StringComparison.Ordinal));
        var (handler, _) = Create(_ => new ProcessResult { ExitCode = 9, StandardOutput = message });

        var response = await handler.HandleAsync("GET", NodeAgentProtocol.NvidiaSmiPath, Bearer);

        Assert.Equal(NodeAgentProtocol.ToolFailedStatus, response.StatusCode);
        Assert.Contains(message, response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_ToolTimedOut_Is504()
    {
        var (handler, _) = Create(_ => new ProcessResult { TimedOut = true, ExitCode = -1 });

        var response = await handler.HandleAsync("GET", NodeAgentProtocol.TtSmiPath, Bearer);

        Assert.Equal(NodeAgentProtocol.ToolTimeoutStatus, response.StatusCode);
        Assert.Contains("within 9 s", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_ShortToken_IsRejectedWithHowToMakeOne()
    {
        var error = Assert.Throws<ArgumentException>(() => new NodeAgentOptions { Token = "short" });

        Assert.Contains("openssl rand -hex 32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_ToString_NeverShowsTheToken()
    {
        Assert.DoesNotContain(Token, new NodeAgentOptions { Token = Token }.ToString(), StringComparison.Ordinal);
    }
}
