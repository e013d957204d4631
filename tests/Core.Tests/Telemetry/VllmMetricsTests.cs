using PveAgent.Core.Telemetry;

namespace PveAgent.Core.Tests.Telemetry;

public sealed class VllmMetricsTests
{
    private static IReadOnlyList<VllmLoad> Read(string file) =>
        VllmMetrics.Read(PrometheusTextParser.Parse(Fixture.Shared("vllm", file)));

    [Fact]
    public void Read_DocsExample_ReportsRunningAndLeavesUnexposedGaugesUnknown()
    {
        var load = Assert.Single(Read("metrics_example_docs_design_metrics_md.prom"));

        Assert.Equal("meta-llama/Llama-3.1-8B-Instruct", load.ModelName);
        Assert.Equal(8.0, load.RequestsRunning);
        Assert.Null(load.RequestsWaiting);
        Assert.Null(load.KvCacheUsage);
    }

    [Fact]
    public void Read_OlderServer_FallsBackToDeprecatedGpuCacheUsage()
    {
        var load = Assert.Single(Read("metrics_issue_production-stack-318_EXCERPT.prom"));

        Assert.Equal("Qwen/Qwen2.5-Coder-32B-Instruct", load.ModelName);
        Assert.Equal(0.0, load.RequestsRunning);
        Assert.Equal(0.0, load.RequestsWaiting);
        Assert.Equal(0.0, load.KvCacheUsage);
        Assert.Equal(1, load.Engines);
    }

    [Fact]
    public void Read_FamiliesDeclaredWithoutSamples_YieldNoLoadRatherThanZero()
    {
        Assert.Empty(Read("metrics_issue_functionary-263_declared_but_no_samples_EXCERPT.prom"));
    }

    [Theory]
    [InlineData("metrics_http_middleware_docs_design_metrics_md.prom")]
    [InlineData("metrics_cache_config_info_docs_design_metrics_md.prom")]
    [InlineData("metrics_example_docs_usage_metrics_md.prom")]
    [InlineData("metrics_pr-22227_engine_label_dp_EXCERPT.prom")]
    public void Read_SamplesWithoutRoutingGauges_YieldNoLoad(string file)
    {
        Assert.Empty(Read(file));
    }

    [Fact]
    public void Read_DataParallelEngines_SumsCountsAndAveragesCacheUsagePerModel()
    {
        // Engine-labelled gauges in the label order vLLM emits (engine, model_name), as in the pr-22227 excerpt.
        const string text = """
            vllm:num_requests_running{engine="0",model_name="qwen3-8b"} 3.0
            vllm:num_requests_running{engine="1",model_name="qwen3-8b"} 2.0
            vllm:num_requests_waiting{engine="0",model_name="qwen3-8b"} 1.0
            vllm:num_requests_waiting{engine="1",model_name="qwen3-8b"} 4.0
            vllm:kv_cache_usage_perc{engine="0",model_name="qwen3-8b"} 0.2
            vllm:kv_cache_usage_perc{engine="1",model_name="qwen3-8b"} 0.6
            vllm:gpu_cache_usage_perc{engine="0",model_name="qwen3-8b"} 0.99
            vllm:num_requests_running{model_name="other"} 7.0
            """;

        var loads = VllmMetrics.Read(PrometheusTextParser.Parse(text));

        var qwen = loads.Single(l => l.ModelName == "qwen3-8b");
        Assert.Equal(5.0, qwen.RequestsRunning);
        Assert.Equal(5.0, qwen.RequestsWaiting);
        Assert.Equal(0.4, qwen.KvCacheUsage!.Value, 9);
        Assert.Equal(2, qwen.Engines);
        var other = loads.Single(l => l.ModelName == "other");
        Assert.Equal(7.0, other.RequestsRunning);
        Assert.Null(other.KvCacheUsage);
    }
}
