using PveAgent.Core.Telemetry;

namespace PveAgent.Core.Tests.Telemetry;

public sealed class LlamaCppMetricsTests
{
    [Theory]
    [InlineData(LlamaCppMetrics.RequestsProcessing)]
    [InlineData(LlamaCppMetrics.RequestsDeferred)]
    [InlineData(LlamaCppMetrics.KvCacheUsageRatio)]
    public void MetricNames_AreTheOnesLlamaCppDocuments(string name)
    {
        var documented = Fixture.Shared("openai", "llamacpp_metrics_README_lists.md");

        Assert.Contains($"`{name}`", documented, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Gauges_AreReportedAndAbsentOnesStayUnknown()
    {
        // No verbatim llama.cpp /metrics sample exists (fixtures NOTES §4); the names are checked against its README above.
        const string text = """
            # HELP llamacpp:requests_processing Number of requests processing.
            # TYPE llamacpp:requests_processing gauge
            llamacpp:requests_processing 2
            # HELP llamacpp:requests_deferred Number of requests deferred.
            # TYPE llamacpp:requests_deferred gauge
            llamacpp:requests_deferred 1
            """;

        var load = LlamaCppMetrics.Read(PrometheusTextParser.Parse(text));

        Assert.Equal(2, load.RequestsProcessing);
        Assert.Equal(1, load.RequestsDeferred);
        Assert.Null(load.KvCacheUsage);
    }
}
