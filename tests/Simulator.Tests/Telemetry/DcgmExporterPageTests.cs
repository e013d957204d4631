using System.Globalization;
using System.Text.RegularExpressions;
using PveAgent.Simulator.Tests.Inference;

namespace PveAgent.Simulator.Tests.Telemetry;

public sealed partial class DcgmExporterPageTests
{
    [Fact]
    public async Task Metrics_HaveOneSamplePerGpuWithDcgmExportersLabels_AndAgreeWithNvidiaSmi()
    {
        var world = TelemetryWorld.Create();
        var request = world.BusyBrian();

        var response = await world.Get(SomeLab.Brian, "/metrics");
        var csv = (await world.Text(SomeLab.Brian, "/v1/telemetry/nvidia-smi")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(", ")).ToList();

        Assert.Equal(200, response.Status);
        Assert.StartsWith("text/plain; version=0.0.4", response.ContentType, StringComparison.Ordinal);
        var samples = System.Text.Encoding.UTF8.GetString(response.Body.Span).Split('\n')
            .Select(l => Sample().Match(l)).Where(m => m.Success)
            .Select(m => (Name: m.Groups["name"].Value, Labels: Labels(m.Groups["labels"].Value), Value: m.Groups["value"].Value))
            .ToList();
        // Label order as dcgm-exporter prints it (e.g. NVIDIA/dcgm-exporter#250, #512).
        Assert.All(samples, s => Assert.Equal(["gpu", "UUID", "pci_bus_id", "device", "modelName", "Hostname", "DCGM_FI_DRIVER_VERSION"], s.Labels.Select(l => l.Key)));
        foreach (var row in csv)
        {
            string Of(string name) => samples.Single(s => s.Name == name && s.Labels.First(l => l.Key == "UUID").Value == row[1]).Value;
            Assert.Equal(row[5], Of("DCGM_FI_DEV_GPU_UTIL"));
            Assert.Equal(row[4], Of("DCGM_FI_DEV_FB_USED"));
            Assert.Equal(row[6], Of("DCGM_FI_DEV_GPU_TEMP"));
            Assert.Equal(double.Parse(row[7], CultureInfo.InvariantCulture), double.Parse(Of("DCGM_FI_DEV_POWER_USAGE"), CultureInfo.InvariantCulture));
            Assert.Matches(@"^\d+\.\d{6}$", Of("DCGM_FI_DEV_POWER_USAGE"));
        }

        Assert.All(samples, s => Assert.Equal("NVIDIA GeForce RTX 3090", s.Labels.First(l => l.Key == "modelName").Value));
        world.Inference.Advance(TimeSpan.FromMinutes(10));
        await request;
    }

    [Fact]
    public async Task ANodeWithoutNvidiaGpus_HasNoExporterPage()
    {
        var world = TelemetryWorld.Create();

        var response = await world.Get(SomeLab.EdgeTt, "/metrics");

        Assert.Equal(404, response.Status);
    }

    private static List<KeyValuePair<string, string>> Labels(string text) =>
        [.. LabelPair().Matches(text).Select(m => new KeyValuePair<string, string>(m.Groups[1].Value, m.Groups[2].Value))];

    [GeneratedRegex(@"^(?<name>DCGM_FI_[A-Z_]+)\{(?<labels>[^}]*)\} (?<value>\S+)$")]
    private static partial Regex Sample();

    [GeneratedRegex("([A-Za-z_]+)=\"([^\"]*)\"")]
    private static partial Regex LabelPair();
}
