using PveAgent.Core.Telemetry;

namespace PveAgent.Core.Tests.Telemetry;

public sealed class PrometheusTextParserTests
{
    [Theory]
    [InlineData("metrics_example_docs_design_metrics_md.prom", 14, 3)]
    [InlineData("metrics_http_middleware_docs_design_metrics_md.prom", 5, 0)]
    [InlineData("metrics_cache_config_info_docs_design_metrics_md.prom", 0, 1)]
    [InlineData("metrics_example_docs_usage_metrics_md.prom", 9, 1)]
    [InlineData("metrics_issue_functionary-263_declared_but_no_samples_EXCERPT.prom", 0, 2)]
    [InlineData("metrics_issue_production-stack-318_EXCERPT.prom", 7, 2)]
    [InlineData("metrics_pr-22227_engine_label_dp_EXCERPT.prom", 13, 1)]
    public void Parse_EveryVllmSample_KeepsValidSamplesAndCountsGarbageLines(string file, int samples, int skipped)
    {
        var scrape = PrometheusTextParser.Parse(Fixture.Shared("vllm", file));

        Assert.Equal(samples, scrape.Families.Sum(f => f.Samples.Count));
        Assert.Equal(skipped, scrape.SkippedLineCount);
    }

    [Fact]
    public void Parse_DocsExample_SkipsLiteralEllipsisLinesByLineNumber()
    {
        var scrape = PrometheusTextParser.Parse(Fixture.Shared("vllm", "metrics_example_docs_design_metrics_md.prom"));

        Assert.Equal([4, 8, 14], scrape.SkippedLines);
        var running = Assert.Single(scrape.SamplesOf("vllm:num_requests_running"));
        Assert.Equal(8.0, running.Value);
        Assert.Equal("meta-llama/Llama-3.1-8B-Instruct", running.Label("model_name"));
    }

    [Fact]
    public void Parse_HistogramSamples_BelongToTheirDeclaredFamily()
    {
        var scrape = PrometheusTextParser.Parse(Fixture.Shared("vllm", "metrics_example_docs_design_metrics_md.prom"));

        var histogram = scrape.Find("vllm:time_to_first_token_seconds");
        Assert.NotNull(histogram);
        Assert.Equal(MetricType.Histogram, histogram.Type);
        Assert.Equal("Histogram of time to first token in seconds.", histogram.Help);
        Assert.Equal(8, histogram.Samples.Count(s => s.Name == "vllm:time_to_first_token_seconds_bucket"));
        Assert.Equal(140.0, histogram.Samples.Single(s => s.Name == "vllm:time_to_first_token_seconds_count").Value);
        Assert.Null(scrape.Find("vllm:time_to_first_token_seconds_bucket"));
    }

    [Fact]
    public void Parse_CounterWithTotalSuffix_KeepsTheDeclaredName()
    {
        var scrape = PrometheusTextParser.Parse(Fixture.Shared("vllm", "metrics_example_docs_design_metrics_md.prom"));

        var success = scrape.Find("vllm:request_success_total");
        Assert.NotNull(success);
        Assert.Equal(MetricType.Counter, success.Type);
        Assert.Equal([1.0, 131.0, 0.0], success.Samples.Select(s => s.Value));
        Assert.Equal(["stop", "length", "abort"], success.Samples.Select(s => s.Label("finished_reason")));
    }

    [Fact]
    public void Parse_LabelsInEngineLeModelOrder_AreReadByNameIncludingPlusInf()
    {
        var scrape = PrometheusTextParser.Parse(Fixture.Shared("vllm", "metrics_pr-22227_engine_label_dp_EXCERPT.prom"));

        var samples = scrape.SamplesOf("vllm:request_decode_time_seconds_bucket");
        Assert.Equal(13, samples.Count);
        Assert.All(samples, s => Assert.Equal("1", s.Label("engine")));
        Assert.All(samples, s => Assert.Equal("/home/jovyan/qwen3-8b", s.Label("model_name")));
        Assert.Equal("15.0", samples[0].Label("le"));
        Assert.Equal("+Inf", samples[^1].Label("le"));
    }

    [Fact]
    public void Parse_ScientificNotationValues_AreFloats()
    {
        var scrape = PrometheusTextParser.Parse(Fixture.Shared("vllm", "metrics_issue_production-stack-318_EXCERPT.prom"));

        Assert.Equal(1_048_576.0, Assert.Single(scrape.SamplesOf("process_max_fds")).Value);
        Assert.Equal(1_742_624_005.57, Assert.Single(scrape.SamplesOf("process_start_time_seconds")).Value, 6);
        Assert.Equal(439.71999999999997, Assert.Single(scrape.SamplesOf("process_cpu_seconds_total")).Value);
    }

    [Fact]
    public void Parse_FamilyDeclaredWithoutSamples_IsDistinguishableFromZero()
    {
        var declaredOnly = PrometheusTextParser.Parse(Fixture.Shared("vllm", "metrics_issue_functionary-263_declared_but_no_samples_EXCERPT.prom"));
        var zero = PrometheusTextParser.Parse(Fixture.Shared("vllm", "metrics_issue_production-stack-318_EXCERPT.prom"));

        var unknown = declaredOnly.Find("vllm:num_requests_running");
        Assert.NotNull(unknown);
        Assert.Equal(MetricType.Gauge, unknown.Type);
        Assert.False(unknown.HasSamples);
        var idle = zero.Find("vllm:num_requests_running");
        Assert.NotNull(idle);
        Assert.True(idle.HasSamples);
        Assert.Equal(0.0, idle.Samples[0].Value);
    }

    [Fact]
    public void Parse_TruncatedTypeLine_IsCountedAndLeavesTheFamilyUntyped()
    {
        var scrape = PrometheusTextParser.Parse(Fixture.Shared("vllm", "metrics_issue_functionary-263_declared_but_no_samples_EXCERPT.prom"));

        Assert.Equal(8, scrape.Families.Count);
        var preemptions = scrape.Find("vllm:num_preemptions_total");
        Assert.NotNull(preemptions);
        Assert.Equal(MetricType.Untyped, preemptions.Type);
        Assert.Equal("Cumulative number of preemption from the engine.", preemptions.Help);
    }

    [Fact]
    public void Parse_EllipsisInsideALabelSet_SkipsTheSampleButKeepsTheDeclaration()
    {
        var scrape = PrometheusTextParser.Parse(Fixture.Shared("vllm", "metrics_cache_config_info_docs_design_metrics_md.prom"));

        Assert.Equal([3], scrape.SkippedLines);
        var info = Assert.Single(scrape.Families);
        Assert.Equal("vllm:cache_config_info", info.Name);
        Assert.False(info.HasSamples);
    }

    [Fact]
    public void Parse_SamplesWithoutDeclaration_BecomeUntypedFamilies()
    {
        var scrape = PrometheusTextParser.Parse(Fixture.Shared("vllm", "metrics_http_middleware_docs_design_metrics_md.prom"));

        Assert.Equal(5, scrape.Families.Count);
        Assert.All(scrape.Families, f => Assert.Equal(MetricType.Untyped, f.Type));
        var bare = Assert.Single(scrape.SamplesOf("http_request_duration_highr_seconds_count"));
        Assert.Empty(bare.Labels);
        Assert.Equal(201.0, bare.Value);
        Assert.Equal("2xx", Assert.Single(scrape.SamplesOf("http_requests_total")).Label("status"));
    }

    [Fact]
    public void Parse_SpaceAfterCommaInLabelSet_AsDcgmExporterPrintsIt()
    {
        var scrape = PrometheusTextParser.Parse(Fixture.Local("dcgm", "gpu-monitoring-tools_README_quickstart.prom"));

        var clock = Assert.Single(scrape.SamplesOf("DCGM_FI_DEV_SM_CLOCK"));
        Assert.Equal("0", clock.Label("gpu"));
        Assert.Equal("GPU-604ac76c-d9cf-fef3-62e9-d92044ab6e52", clock.Label("UUID"));
        Assert.Equal(139, clock.Value);
        Assert.Equal(9223372036854775794d, Assert.Single(scrape.SamplesOf("DCGM_FI_DEV_MEMORY_TEMP")).Value);
        Assert.Equal(2, scrape.SkippedLineCount);
    }

    [Theory]
    [InlineData("+Inf", double.PositiveInfinity)]
    [InlineData("-Inf", double.NegativeInfinity)]
    [InlineData("1.048576e+06", 1048576.0)]
    [InlineData("-0.5", -0.5)]
    public void Parse_SpecialAndExponentValues_AreRead(string token, double expected)
    {
        var scrape = PrometheusTextParser.Parse($"m{{le=\"x\"}} {token}");

        Assert.Equal(expected, Assert.Single(scrape.SamplesOf("m")).Value);
    }

    [Fact]
    public void Parse_NaN_IsKeptAsNaN()
    {
        var scrape = PrometheusTextParser.Parse("m NaN");

        Assert.True(double.IsNaN(Assert.Single(scrape.SamplesOf("m")).Value));
    }

    [Fact]
    public void Parse_EscapedQuotesBackslashesAndNewlines_AreUnescaped()
    {
        var scrape = PrometheusTextParser.Parse("m{path=\"C:\\\\dir\",say=\"a \\\"b\\\" c\",multi=\"x\\ny\",} 1");

        var sample = Assert.Single(scrape.SamplesOf("m"));
        Assert.Equal(@"C:\dir", sample.Label("path"));
        Assert.Equal("a \"b\" c", sample.Label("say"));
        Assert.Equal("x\ny", sample.Label("multi"));
    }

    [Fact]
    public void Parse_TimestampAfterValue_IsKept()
    {
        var scrape = PrometheusTextParser.Parse("m{a=\"1\"} 3 1700000000000\nbad 1 not-a-timestamp");

        Assert.Equal(1_700_000_000_000, Assert.Single(scrape.SamplesOf("m")).TimestampMs);
        Assert.Equal([2], scrape.SkippedLines);
    }

    [Fact]
    public void Parse_CarriageReturnLineEndings_AreTolerated()
    {
        var scrape = PrometheusTextParser.Parse("# TYPE m gauge\r\nm 2\r\n");

        Assert.Equal(MetricType.Gauge, scrape.Find("m")!.Type);
        Assert.Equal(2, Assert.Single(scrape.SamplesOf("m")).Value);
        Assert.Equal(0, scrape.SkippedLineCount);
    }
}
