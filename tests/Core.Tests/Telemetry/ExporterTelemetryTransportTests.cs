using System.Net;
using PveAgent.Core.Registry;
using PveAgent.Core.Telemetry;

namespace PveAgent.Core.Tests.Telemetry;

public sealed class ExporterTelemetryTransportTests
{
    private static readonly TelemetryConfig DcgmTelemetry = new()
    {
        Source = TelemetrySource.Exporter,
        Url = new Uri("http://192.168.0.183:9400/metrics"),
    };

    private static ExporterTelemetryTransport Transport(StubHttpHandler stub) => new(new HttpClient(stub));

    [Fact]
    public async Task Read_DcgmExporter_ReturnsItsGpus()
    {
        var stub = new StubHttpHandler().Serve("/metrics", HttpStatusCode.OK, Fixture.Local("dcgm", "dcgm-exporter_issue-250_v100_EXCERPT.prom"), "text/plain");

        var result = await Transport(stub).ReadAsync(Some.Node(telemetry: DcgmTelemetry));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(4, result.Gpus.Count);
        Assert.Equal(TelemetrySource.Exporter, result.Source);
        Assert.Equal("http://192.168.0.183:9400/metrics", Assert.Single(stub.Requests).RequestUri!.AbsoluteUri);
    }

    [Fact]
    public async Task Read_NvidiaGpuExporter_ReturnsItsGpus()
    {
        var stub = new StubHttpHandler().Serve(
            "/metrics", HttpStatusCode.OK, Fixture.Local("nvidia_gpu_exporter", "linux-x86_64__nvidia-l40s__595.80__load.metrics"), "text/plain");

        var result = await Transport(stub).ReadAsync(Some.Node(telemetry: DcgmTelemetry with { Url = new Uri("http://192.168.0.183:9835/metrics") }));

        Assert.Equal("NVIDIA L40S", Assert.Single(result.Gpus).Name);
    }

    [Fact]
    public async Task Read_UnknownExporter_SaysWhichUrlAndWhatToPointAt()
    {
        var stub = new StubHttpHandler().Serve("/metrics", HttpStatusCode.OK, Fixture.Shared("vllm", "metrics_example_docs_design_metrics_md.prom"), "text/plain");

        var result = await Transport(stub).ReadAsync(Some.Node(telemetry: DcgmTelemetry));

        var failure = Assert.Single(result.Failures);
        Assert.Equal(TelemetryFailureKind.UnknownExporter, failure.Kind);
        Assert.StartsWith("exporter at http://192.168.0.183:9400/metrics: no DCGM_FI_DEV_* or nvidia_smi_* metrics", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_WrongPath_IsServiceError()
    {
        var result = await Transport(new StubHttpHandler()).ReadAsync(Some.Node(telemetry: DcgmTelemetry));

        var failure = Assert.Single(result.Failures);
        Assert.Equal(TelemetryFailureKind.ServiceError, failure.Kind);
        Assert.Contains("answered HTTP 404", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_ExporterDown_IsUnreachable()
    {
        var result = await Transport(new StubHttpHandler().Refuse("/metrics")).ReadAsync(Some.Node(telemetry: DcgmTelemetry));

        Assert.Equal(TelemetryFailureKind.Unreachable, Assert.Single(result.Failures).Kind);
    }

    [Fact]
    public async Task Read_TenstorrentNode_ExplainsExportersCoverNvidiaOnly()
    {
        var stub = new StubHttpHandler().Serve("/metrics", HttpStatusCode.OK, Fixture.Local("dcgm", "gpu-monitoring-tools_README_quickstart.prom"), "text/plain");

        var result = await Transport(stub).ReadAsync(Some.Node(kinds: [AcceleratorKind.Nvidia, AcceleratorKind.Tenstorrent], telemetry: DcgmTelemetry));

        Assert.Single(result.Gpus);
        var failure = Assert.Single(result.Failures);
        Assert.Equal(TelemetryFailureKind.Configuration, failure.Kind);
        Assert.Contains("covers NVIDIA GPUs only", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_NoUrl_IsConfigurationErrorWithAnExample()
    {
        var result = await Transport(new StubHttpHandler()).ReadAsync(Some.Node(telemetry: DcgmTelemetry with { Url = null }));

        Assert.Contains("e.g. http://192.168.0.183:9400/metrics", Assert.Single(result.Failures).Message, StringComparison.Ordinal);
    }
}
