using PveAgent.Core.Telemetry;

namespace PveAgent.Core.Tests.Telemetry;

public sealed class NvidiaSmiXmlParserTests
{
    private static NvidiaSmiReport Parse(string folder, string file)
    {
        var result = NvidiaSmiXmlParser.Parse(Fixture.Shared("nvidia", folder, file));
        Assert.True(result.Succeeded, result.Failure?.Message);
        return result.Value;
    }

    [Theory]
    [InlineData("netdata_testdata", "a100-sxm4-mig.xml", "NVIDIA A100-SXM4-40GB", 40960, 38, 66.92, 400.0, 36, 0, 11)]
    [InlineData("netdata_testdata", "rtx-2080-win.xml", "NVIDIA GeForce RTX 2080", 8192, 862, 14.50, 275.0, 29, 26, 11)]
    [InlineData("netdata_testdata", "rtx-3060.xml", "NVIDIA GeForce RTX 3060 Laptop GPU", 6144, 5, 8.70, null, 45, 1, 11)]
    [InlineData("netdata_testdata", "tesla-p100.xml", "Tesla P100-PCIE-16GB", 16384, 0, 26.16, 250.0, 38, 0, 11)]
    [InlineData("telegraf_testdata", "a100-sxm4-v12.xml", "NVIDIA A100-SXM4-80GB", 81920, 50, 67.03, 500.0, 27, 0, 12)]
    [InlineData("telegraf_testdata", "a10g.xml", "NVIDIA A10G", 23028, 22, 25.58, 300.0, 17, 1, 11)]
    [InlineData("telegraf_testdata", "rtx-3060-v12.xml", "NVIDIA GeForce RTX 3060", 12288, 116, 11.60, 170.0, 42, 0, 12)]
    [InlineData("telegraf_testdata", "rtx-3080-v13.xml", "NVIDIA GeForce RTX 3080", 10240, 9184, 139.62, 320.0, 27, 0, 13)]
    [InlineData("telegraf_testdata", "tesla-t4.xml", "Tesla T4", 15360, 1032, 26.78, 70.0, 40, 2, 11)]
    public void Parse_EveryRealCapture_ReadsProductMemoryPowerTemperatureAndProcesses(
        string folder, string file, string product, double total, double used, double power, double? limit, double temperature, int processes, int schema)
    {
        var report = Parse(folder, file);

        var gpu = Assert.Single(report.Gpus);
        Assert.Equal(product, gpu.Name);
        Assert.Equal(total, gpu.MemoryTotalMib);
        Assert.Equal(used, gpu.MemoryUsedMib);
        Assert.Equal(power, gpu.PowerDrawWatts);
        Assert.Equal(limit, gpu.PowerLimitWatts);
        Assert.Equal(temperature, gpu.TemperatureC);
        Assert.Equal(processes, gpu.Processes!.Count);
        Assert.Equal(schema, report.SchemaVersion);
        Assert.StartsWith("GPU-", gpu.Uuid, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DriverAndCudaVersion_AreRead()
    {
        var report = Parse("telegraf_testdata", "rtx-3080-v13.xml");

        Assert.Equal("595.58.03", report.DriverVersion);
        Assert.Equal("13.2", report.CudaVersion);
        Assert.Equal(65, report.Gpus[0].UtilizationPercent);
        Assert.Equal("00000000:0C:00.0", report.Gpus[0].PciBusId);
    }

    [Fact]
    public void Parse_V13AverageAndInstantPower_PrefersTheAverageLikePowerDraw()
    {
        // gpu_power_readings has average 139.62 W and instant 142.33 W; module_power_readings is all N/A.
        Assert.Equal(139.62, Parse("telegraf_testdata", "rtx-3080-v13.xml").Gpus[0].PowerDrawWatts);
    }

    [Fact]
    public void Parse_MigGpu_HasNoUtilizationAndListsItsMigDevices()
    {
        var gpu = Parse("netdata_testdata", "a100-sxm4-mig.xml").Gpus[0];

        Assert.True(gpu.MigEnabled);
        Assert.Null(gpu.UtilizationPercent);
        Assert.Equal([1, 2], gpu.MigDevices.Select(m => m.GpuInstanceId));
        Assert.All(gpu.MigDevices, m =>
        {
            Assert.Equal(19968, m.MemoryTotalMib);
            Assert.Equal(19, m.MemoryUsedMib);
            Assert.Equal(0, m.ComputeInstanceId);
        });
    }

    [Fact]
    public void Parse_V12MigGpuWithEmptyProcessElement_HasFourSlicesAndNoProcesses()
    {
        var gpu = Parse("telegraf_testdata", "a100-sxm4-v12.xml").Gpus[0];

        Assert.Equal(4, gpu.MigDevices.Count);
        Assert.NotNull(gpu.Processes);
        Assert.Empty(gpu.Processes);
    }

    [Fact]
    public void Parse_NonMigGpu_ReportsMigAsUnsupported()
    {
        var gpu = Parse("telegraf_testdata", "tesla-t4.xml").Gpus[0];

        Assert.Null(gpu.MigEnabled);
        Assert.Empty(gpu.MigDevices);
    }

    [Fact]
    public void Parse_Processes_CarryPidTypeNameMemoryAndTheGpuUuid()
    {
        var gpu = Parse("telegraf_testdata", "tesla-t4.xml").Gpus[0];

        Assert.NotNull(gpu.Processes);
        Assert.Equal(
            [(675, "G", "/usr/lib/xorg/Xorg", 22.0), (5762, "C", "python", 1005.0)],
            gpu.Processes.Select(p => (p.Pid!.Value, p.Type!, p.Name!, p.UsedMemoryMib!.Value)));
        Assert.All(gpu.Processes, p => Assert.Equal("GPU-d37e67a5-91dd-3774-a5cb-99096249601a", p.GpuUuid));
    }

    [Fact]
    public void Parse_WindowsProcesses_HaveUnknownMemoryAndMayHaveNoName()
    {
        var processes = Parse("netdata_testdata", "rtx-2080-win.xml").Gpus[0].Processes!;

        Assert.All(processes, p => Assert.Null(p.UsedMemoryMib));
        Assert.All(processes, p => Assert.Equal("C+G", p.Type));
        Assert.Contains(processes, p => p.Pid == 10808 && p.Name is null);
    }

    [Fact]
    public void Parse_DriverFailureText_IsDriverUnavailable()
    {
        var errors = Fixture.Shared("nvidia", "errors_REAL.txt");
        var message = errors.Split('\n').First(l => l.StartsWith("NVIDIA-SMI has failed", StringComparison.Ordinal));

        Assert.Equal(TelemetryFailureKind.DriverUnavailable, NvidiaSmiXmlParser.Parse(message).Failure!.Kind);
    }

    [Fact]
    public void Parse_TruncatedXml_IsMalformedOutput()
    {
        var xml = Fixture.Shared("nvidia", "telegraf_testdata", "tesla-t4.xml");

        var result = NvidiaSmiXmlParser.Parse(xml[..(xml.Length / 2)]);

        Assert.Equal(TelemetryFailureKind.MalformedOutput, result.Failure!.Kind);
        Assert.StartsWith("nvidia-smi -q -x returned invalid XML", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ExternalEntityInDoctype_IsNeverResolved()
    {
        var secretFile = Path.GetTempFileName();
        File.WriteAllText(secretFile, "do-not-read");
        try
        {
            var xml = $"""
                <?xml version="1.0" ?>
                <!DOCTYPE nvidia_smi_log [<!ENTITY leak SYSTEM "file://{secretFile}">]>
                <nvidia_smi_log><driver_version>&leak;</driver_version></nvidia_smi_log>
                """;

            var result = NvidiaSmiXmlParser.Parse(xml);

            Assert.False(result.Succeeded && result.Value.DriverVersion == "do-not-read");
            Assert.Equal(TelemetryFailureKind.MalformedOutput, result.Failure!.Kind);
        }
        finally
        {
            File.Delete(secretFile);
        }
    }

    [Fact]
    public void Parse_OtherRootElement_IsMalformedOutput()
    {
        var result = NvidiaSmiXmlParser.Parse("<?xml version=\"1.0\"?><html><body/></html>");

        Assert.Equal(TelemetryFailureKind.MalformedOutput, result.Failure!.Kind);
        Assert.Contains("<nvidia_smi_log>", result.Failure.Message, StringComparison.Ordinal);
    }
}
