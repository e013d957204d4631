using System.Text.RegularExpressions;
using PveAgent.Core.Telemetry;

namespace PveAgent.Core.Tests.Telemetry;

public sealed partial class NvidiaSmiCsvParserTests
{
    private static readonly string IssueSamples = Fixture.Shared("nvidia", "csv_real_samples_from_issues.txt");

    private static string Line(string text, string prefix) =>
        text.Split('\n').Select(l => l.TrimEnd('\r')).First(l => l.StartsWith(prefix, StringComparison.Ordinal));

    private static string FieldsOf(string command) => QueryGpu().Match(command).Groups[1].Value;

    private static string Capture(string file) => Fixture.Local("nvidia_gpu_exporter", file);

    [Fact]
    public void ParseGpus_NoHeaderNoUnits_NameWithSpacesAndBareNA_MapsByRequestedFields()
    {
        var command = Line(IssueSamples, "/usr/bin/nvidia-smi -i 0a:00.0");
        var output = Line(IssueSamples, "200.00, 105.00");

        var result = NvidiaSmiCsvParser.ParseGpus(output, FieldsOf(command));

        Assert.True(result.Succeeded);
        var gpu = Assert.Single(result.Value);
        Assert.Equal("GeForce RTX 2080", gpu.Name);
        Assert.Equal("GPU-22b2c6ac-2d49-4863-197c-9c469071178a", gpu.Uuid);
        Assert.Equal(7979, gpu.MemoryTotalMib);
        Assert.Equal(176.98, gpu.PowerDrawWatts);
        Assert.Equal(200.00, gpu.PowerLimitWatts);
        Assert.Equal(45, gpu.TemperatureC);
        Assert.Equal(86, gpu.UtilizationPercent);
        Assert.Null(gpu.Index);
        Assert.Null(gpu.MemoryUsedMib);
    }

    [Theory]
    [InlineData("2004, 2004, 0, 44, [N/A], 0, 0")]
    [InlineData("2004, 2004, 0, 44, [Not Supported], 0, 0")]
    public void ParseGpus_NewAndOldUnavailableMarkers_AreNullAndOtherValuesRead(string output)
    {
        var command = Line(IssueSamples, "$ nvidia-smi --query-gpu=memory.total,memory.free");
        Assert.Contains(output, IssueSamples, StringComparison.Ordinal);

        var result = NvidiaSmiCsvParser.ParseGpus(output, FieldsOf(command));

        var gpu = Assert.Single(result.Value!);
        Assert.Equal(2004, gpu.MemoryTotalMib);
        Assert.Equal(0, gpu.MemoryUsedMib);
        Assert.Equal(44, gpu.TemperatureC);
        Assert.Equal(0, gpu.UtilizationPercent);
    }

    [Fact]
    public void ParseGpus_ValuesWithUnitsAndNotSupported_AreReadUsingTheGpuNameAlias()
    {
        var command = Line(IssueSamples, "./nvidia-smi.exe --query-gpu=gpu_name");
        var output = Line(IssueSamples, "GeForce GTX 770");

        var gpu = Assert.Single(NvidiaSmiCsvParser.ParseGpus(output, FieldsOf(command)).Value!);

        Assert.Equal("GeForce GTX 770", gpu.Name);
        Assert.Null(gpu.UtilizationPercent);
        Assert.Equal(52, gpu.TemperatureC);
        Assert.Null(gpu.PowerDrawWatts);
        Assert.Null(gpu.PowerLimitWatts);
    }

    [Fact]
    public void ParseGpus_HeaderWithUnitsAndBlankLineAndUnknownError_UsesTheHeader()
    {
        var header = Line(IssueSamples, "name, utilization.gpu [%]");
        var row = Line(IssueSamples, "GeForce RTX 2080 Ti");

        var result = NvidiaSmiCsvParser.ParseGpus($"{header}\n\n{row}\n");

        var gpu = Assert.Single(result.Value!);
        Assert.Equal("GeForce RTX 2080 Ti", gpu.Name);
        Assert.Equal(100, gpu.UtilizationPercent);
        Assert.Equal(56, gpu.TemperatureC);
        Assert.Equal(228.82, gpu.PowerDrawWatts);
        Assert.Equal(210.00, gpu.PowerLimitWatts);
    }

    [Fact]
    public void ParseGpus_NetdataTeslaP100Csv_ReadsHeaderAndNAFan()
    {
        var gpu = Assert.Single(NvidiaSmiCsvParser.ParseGpus(Fixture.Shared("nvidia", "netdata_testdata", "tesla-p100.csv")).Value!);

        Assert.Equal("Tesla P100-PCIE-16GB", gpu.Name);
        Assert.Equal("GPU-ef1b2c9b-38d8-2090-2bd1-f567a3eb42a6", gpu.Uuid);
        Assert.Equal(0, gpu.MemoryUsedMib);
        Assert.Null(gpu.MemoryTotalMib);
        Assert.Equal(0, gpu.UtilizationPercent);
        Assert.Equal(37, gpu.TemperatureC);
        Assert.Equal(28.16, gpu.PowerDrawWatts);
    }

    [Theory]
    [InlineData("linux-x86_64__nvidia-l40s__595.80__load__query-gpu.csv", "NVIDIA L40S", 46068, 1235, 9.0, 54, 110.23, 350.0, null)]
    [InlineData("linux-x86_64__nvidia-h100-mig__590.48.01__load__query-gpu.csv", "NVIDIA H100 80GB HBM3", 81559, 11125, null, 53, 433.78, 700.0, true)]
    [InlineData("windows-x86_64__nvidia-geforce-rtx-2080-super__591.86__load__query-gpu.csv", "NVIDIA GeForce RTX 2080 SUPER", 8192, 1296, 7.0, 45, 97.43, 250.0, null)]
    public void ParseGpus_RealCaptureOfEveryField_PicksOurFieldsFromTheHeader(
        string file, string name, double total, double used, double? utilization, double temperature, double power, double limit, bool? mig)
    {
        var result = NvidiaSmiCsvParser.ParseGpus(Capture(file));

        Assert.True(result.Succeeded, result.Failure?.Message);
        var gpu = Assert.Single(result.Value);
        Assert.Equal(0, gpu.Index);
        Assert.Equal("GPU-00000000-0000-0000-0000-000000000000", gpu.Uuid);
        Assert.Equal(name, gpu.Name);
        Assert.Equal(total, gpu.MemoryTotalMib);
        Assert.Equal(used, gpu.MemoryUsedMib);
        Assert.Equal(utilization, gpu.UtilizationPercent);
        Assert.Equal(temperature, gpu.TemperatureC);
        Assert.Equal(power, gpu.PowerDrawWatts);
        Assert.Equal(limit, gpu.PowerLimitWatts);
        Assert.Equal(mig, gpu.MigEnabled);
    }

    [Fact]
    public void ParseGpus_DefaultQueryWithoutHeader_MapsFieldsInRequestOrder()
    {
        // No public sample of exactly our 9-field query exists; this row holds the L40S capture's values in that order.
        const string output = "0, GPU-00000000-0000-0000-0000-000000000000, NVIDIA L40S, 46068, 1235, 9, 54, 110.23, 350.00\n";

        var gpu = Assert.Single(NvidiaSmiCsvParser.ParseGpus(output).Value!);

        Assert.Equal(0, gpu.Index);
        Assert.Equal("NVIDIA L40S", gpu.Name);
        Assert.Equal(46068, gpu.MemoryTotalMib);
        Assert.Equal(1235, gpu.MemoryUsedMib);
        Assert.Equal(44833, gpu.MemoryFreeMib);
        Assert.Equal(9, gpu.UtilizationPercent);
        Assert.Equal(54, gpu.TemperatureC);
        Assert.Equal(110.23, gpu.PowerDrawWatts);
        Assert.Equal(350, gpu.PowerLimitWatts);
    }

    [Fact]
    public void ParseGpus_RowOfTheWrongWidth_IsMalformedOutputNamingTheLine()
    {
        var row = Line(IssueSamples, "2021/08/31 11:37:40.983");

        var result = NvidiaSmiCsvParser.ParseGpus(row);

        Assert.False(result.Succeeded);
        Assert.Equal(TelemetryFailureKind.MalformedOutput, result.Failure.Kind);
        Assert.Contains("line 1 has 27 values but 9 fields were expected", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseGpus_DriverNotLoaded_IsDriverUnavailableQuotingNvidiaSmi()
    {
        var errors = Fixture.Shared("nvidia", "errors_REAL.txt");
        var message = Line(errors, "NVIDIA-SMI has failed");

        var result = NvidiaSmiCsvParser.ParseGpus(message);

        Assert.Equal(TelemetryFailureKind.DriverUnavailable, result.Failure!.Kind);
        Assert.Contains("couldn't communicate with the NVIDIA driver", result.Failure.Message, StringComparison.Ordinal);
        Assert.Contains("install or load the driver", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseGpus_InvalidField_IsInvalidQueryNamingTheField()
    {
        var errors = Fixture.Shared("nvidia", "errors_REAL.txt");
        var message = Line(errors, "Field \"clocks_throttle_reasons.unknown\"");

        var result = NvidiaSmiCsvParser.ParseGpus(message);

        Assert.Equal(TelemetryFailureKind.InvalidQuery, result.Failure!.Kind);
        Assert.Contains("clocks_throttle_reasons.unknown", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseGpus_NoDevices_IsNoDevicesMentioningPassthrough()
    {
        var result = NvidiaSmiCsvParser.ParseGpus("No devices were found\n");

        Assert.Equal(TelemetryFailureKind.NoDevices, result.Failure!.Kind);
        Assert.Contains("passed through", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseComputeApps_RealCapture_ReadsPidNameMemoryAndGpu()
    {
        var result = NvidiaSmiCsvParser.ParseComputeApps(Capture("linux-x86_64__nvidia-l40s__595.80__load__query-compute-apps.csv"));

        Assert.True(result.Succeeded);
        Assert.Equal([20037, 20038], result.Value.Select(p => p.Pid));
        Assert.All(result.Value, p => Assert.Equal("ffmpeg", p.Name));
        Assert.Equal([538.0, 681.0], result.Value.Select(p => p.UsedMemoryMib));
        Assert.All(result.Value, p => Assert.Equal("GPU-00000000-0000-0000-0000-000000000000", p.GpuUuid));
    }

    [Fact]
    public void ParseComputeApps_HeaderOnly_IsNoProcesses()
    {
        var result = NvidiaSmiCsvParser.ParseComputeApps(Capture("linux-x86_64__nvidia-geforce-rtx-2080-super__595.71.05__idle__query-compute-apps.csv"));

        Assert.True(result.Succeeded);
        Assert.Empty(result.Value);
    }

    [Fact]
    public void ParseComputeApps_EmptyNoHeaderOutput_IsNoProcesses()
    {
        Assert.Empty(NvidiaSmiCsvParser.ParseComputeApps(string.Empty).Value!);
    }

    [Fact]
    public void ParseComputeApps_WindowsCapture_HasUnknownMemoryAndPathsWithSpaces()
    {
        var result = NvidiaSmiCsvParser.ParseComputeApps(Capture("windows-x86_64__nvidia-geforce-rtx-2080-super__591.86__load__query-compute-apps.csv"));

        Assert.True(result.Succeeded);
        Assert.Equal(12, result.Value.Count);
        Assert.All(result.Value, p => Assert.Null(p.UsedMemoryMib));
        Assert.Contains(result.Value, p => p.Name == @"C:\Program Files\NZXT CAM\NZXT CAM.exe" && p.Pid == 20372);
    }

    [Fact]
    public void ParseComputeApps_DcgmIssueSample_ReadsTheAliasedHeader()
    {
        var text = Fixture.Shared("nvidia", "compute_apps_real_samples.txt");
        var block = string.Join('\n', text.Split('\n').SkipWhile(l => !l.StartsWith("gpu_uuid, process_name", StringComparison.Ordinal)).Take(4));

        var processes = NvidiaSmiCsvParser.ParseComputeApps(block).Value!;

        Assert.Equal(3, processes.Count);
        Assert.All(processes, p => Assert.Equal("vgpu", p.Name));
        Assert.Equal(2, processes.Count(p => p.GpuUuid == "GPU-777ead31-954e-837f-590f-6c4974d8e571"));
        Assert.All(processes, p => Assert.Null(p.Pid));
    }

    [Fact]
    public void ParseComputeApps_ProcessNameWithComma_KeepsTheOtherColumnsAligned()
    {
        var processes = NvidiaSmiCsvParser.ParseComputeApps("4242, /opt/app,v2/serve, 1200, GPU-abc\n").Value!;

        var process = Assert.Single(processes);
        Assert.Equal("/opt/app,v2/serve", process.Name);
        Assert.Equal(1200, process.UsedMemoryMib);
        Assert.Equal("GPU-abc", process.GpuUuid);
    }

    [Fact]
    public void GpuQueryArguments_RequestTheDocumentedFieldsWithoutHeaderOrUnits()
    {
        Assert.Equal(
            ["--query-gpu=index,uuid,name,memory.total,memory.used,utilization.gpu,temperature.gpu,power.draw,power.limit", "--format=csv,noheader,nounits"],
            NvidiaSmiCsvParser.GpuQueryArguments);
    }

    [GeneratedRegex("--query-gpu=([^ ]+)")]
    private static partial Regex QueryGpu();
}
