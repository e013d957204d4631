using PveAgent.Core.Telemetry;

namespace PveAgent.Core.Tests.Telemetry;

public sealed class GpuExporterParserTests
{
    private static IReadOnlyList<GpuReading> Parse(params string[] fixture)
    {
        var result = GpuExporterParser.Parse(PrometheusTextParser.Parse(Fixture.Local(fixture)));
        Assert.True(result.Succeeded, result.Failure?.Message);
        return result.Value;
    }

    [Fact]
    public void Parse_NvidiaGpuExporterScrape_MapsNvidiaSmiMetricsAndRestoresTheUuidPrefix()
    {
        var gpu = Assert.Single(Parse("nvidia_gpu_exporter", "linux-x86_64__nvidia-l40s__595.80__load.metrics"));

        Assert.Equal(0, gpu.Index);
        Assert.Equal("GPU-00000000-0000-0000-0000-000000000000", gpu.Uuid);
        Assert.Equal("NVIDIA L40S", gpu.Name);
        Assert.Equal("00000000:01:00.0", gpu.PciBusId);
        Assert.Equal(9.0, gpu.UtilizationPercent!.Value, 9);
        Assert.Equal(54, gpu.TemperatureC);
        Assert.Equal(110.23, gpu.PowerDrawWatts);
        Assert.Equal(350, gpu.PowerLimitWatts);
        Assert.Null(gpu.MigEnabled);
    }

    [Fact]
    public void Parse_NvidiaGpuExporterScrape_AgreesWithNvidiaSmiCsvOfTheSameCapture()
    {
        var exported = Assert.Single(Parse("nvidia_gpu_exporter", "linux-x86_64__nvidia-l40s__595.80__load.metrics"));
        var csv = Assert.Single(NvidiaSmiCsvParser.ParseGpus(Fixture.Local("nvidia_gpu_exporter", "linux-x86_64__nvidia-l40s__595.80__load__query-gpu.csv")).Value!);

        Assert.Equal(csv.MemoryTotalMib, exported.MemoryTotalMib);
        Assert.Equal(csv.MemoryUsedMib, exported.MemoryUsedMib);
        Assert.Equal(csv.Uuid, exported.Uuid);
        Assert.Equal(csv.Name, exported.Name);
    }

    [Fact]
    public void Parse_NvidiaGpuExporterWithComputeApps_ListsProcessesWithMemory()
    {
        var gpu = Assert.Single(Parse("nvidia_gpu_exporter", "linux-x86_64__nvidia-l40s__595.80__load.metrics"));

        Assert.NotNull(gpu.Processes);
        Assert.Equal([(20037, 538.0), (20038, 681.0)], gpu.Processes.Select(p => (p.Pid!.Value, p.UsedMemoryMib!.Value)));
        Assert.All(gpu.Processes, p => Assert.Equal("ffmpeg", p.Name));
    }

    [Fact]
    public void Parse_NvidiaGpuExporterOnMigGpu_HasNoUtilizationAndReportsMig()
    {
        var gpu = Assert.Single(Parse("nvidia_gpu_exporter", "linux-x86_64__nvidia-h100-mig__590.48.01__load.metrics"));

        Assert.Equal("NVIDIA H100 80GB HBM3", gpu.Name);
        Assert.Null(gpu.UtilizationPercent);
        Assert.True(gpu.MigEnabled);
        Assert.Equal(3, gpu.Processes!.Count);
        Assert.Equal(81559, gpu.MemoryTotalMib);
        Assert.Equal(433.78, gpu.PowerDrawWatts);
    }

    [Fact]
    public void Parse_DcgmReadmeSample_KnowsTheGpuButNoFigures()
    {
        var gpu = Assert.Single(Parse("dcgm", "gpu-monitoring-tools_README_quickstart.prom"));

        Assert.Equal(0, gpu.Index);
        Assert.Equal("GPU-604ac76c-d9cf-fef3-62e9-d92044ab6e52", gpu.Uuid);
        Assert.Null(gpu.Name);
        Assert.Null(gpu.UtilizationPercent);
        Assert.Null(gpu.MemoryTotalMib);
    }

    [Fact]
    public void Parse_DcgmFourGpuNode_KeysByGpuLabelAndReadsUtilAndPowerLimit()
    {
        var gpus = Parse("dcgm", "dcgm-exporter_issue-250_v100_EXCERPT.prom");

        Assert.Equal([0, 1, 2, 3], gpus.Select(g => g.Index));
        Assert.All(gpus, g => Assert.Equal("Tesla V100-SXM2-32GB", g.Name));
        Assert.Equal([0.0, null, null, null], gpus.Select(g => g.UtilizationPercent));
        Assert.Equal([null, null, 300.0, 300.0], gpus.Select(g => g.PowerLimitWatts));
        Assert.Equal("GPU-a9079f15-493e-6c1c-c78c-73ec2b840cba", gpus[2].Uuid);
    }

    [Fact]
    public void Parse_DcgmMigInstances_SumToTheGpuAndBecomeMigDevices()
    {
        var gpus = Parse("dcgm", "dcgm-exporter_issue-317_a30_mig_fb_used_EXCERPT.prom");

        Assert.Equal(2, gpus.Count);
        Assert.Equal([12.0, 9.0], gpus.Select(g => g.MemoryUsedMib));
        Assert.All(gpus, g => Assert.True(g.MigEnabled));
        Assert.Equal([3, 4, 5, 6], gpus[0].MigDevices.Select(m => m.GpuInstanceId));
        Assert.All(gpus[0].MigDevices, m => Assert.Equal("1g.6gb", m.Profile));
        Assert.Equal("NVIDIA A30", gpus[1].Name);
    }

    [Fact]
    public void Parse_DcgmMixedNode_SeparatesWholeGpuFromMigInstanceAndSkipsTheCutLine()
    {
        var gpus = Parse("dcgm", "dcgm-exporter_pr-736_mixed_models_mig_EXCERPT.prom");

        Assert.Equal([1, 2], gpus.Select(g => g.Index));
        Assert.Equal("NVIDIA RTX 2000 Ada Generation", gpus[0].Name);
        Assert.Empty(gpus[0].MigDevices);
        Assert.Null(gpus[0].MemoryTotalMib);
        var mig = Assert.Single(gpus[1].MigDevices);
        Assert.Equal(3, mig.GpuInstanceId);
        Assert.Equal("00000000:CA:00.0", gpus[1].PciBusId);
    }

    [Fact]
    public void Parse_DcgmUsedFreeAndReserved_AddUpToTheTotalLikeNvidiaSmi()
    {
        const string text = """
            DCGM_FI_DEV_FB_FREE{gpu="0",UUID="GPU-5b4e",modelName="NVIDIA L40S"} 45459
            DCGM_FI_DEV_FB_USED{gpu="0",UUID="GPU-5b4e",modelName="NVIDIA L40S"} 0
            DCGM_FI_DEV_FB_RESERVED{gpu="0",UUID="GPU-5b4e",modelName="NVIDIA L40S"} 608
            DCGM_FI_DEV_GPU_TEMP{gpu="0",UUID="GPU-5b4e",modelName="NVIDIA L40S"} 32
            DCGM_FI_DEV_POWER_USAGE{gpu="0",UUID="GPU-5b4e",modelName="NVIDIA L40S"} 35.686000
            """;

        var gpu = Assert.Single(GpuExporterParser.Parse(PrometheusTextParser.Parse(text)).Value!);

        Assert.Equal(46067, gpu.MemoryTotalMib);
        Assert.Equal(0, gpu.MemoryUsedMib);
        Assert.Equal(32, gpu.TemperatureC);
        Assert.Equal(35.686, gpu.PowerDrawWatts);
    }

    [Fact]
    public void Parse_VllmMetrics_IsUnknownExporterNamingWhatWasSeenAndTheFix()
    {
        var result = GpuExporterParser.Parse(PrometheusTextParser.Parse(Fixture.Shared("vllm", "metrics_issue_production-stack-318_EXCERPT.prom")));

        Assert.Equal(TelemetryFailureKind.UnknownExporter, result.Failure!.Kind);
        Assert.Contains("process_start_time_seconds", result.Failure.Message, StringComparison.Ordinal);
        Assert.Contains(":9400/metrics", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptyScrape_SaysTheExporterReturnedNothing()
    {
        var result = GpuExporterParser.Parse(PrometheusScrape.Empty);

        Assert.StartsWith("the exporter returned no metrics", result.Failure!.Message, StringComparison.Ordinal);
    }
}
