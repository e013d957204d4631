using System.Globalization;
using System.Text.RegularExpressions;
using PveAgent.Core.Registry;
using PveAgent.Simulator.Tests.Inference;

namespace PveAgent.Simulator.Tests.Telemetry;

public sealed partial class NvidiaSmiCsvTests
{
    private static string RealSamples => Fixtures.Text("nvidia", "csv_real_samples_from_issues.txt");

    private static List<string[]> Rows(string csv) =>
        [.. csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(", "))];

    [Fact]
    public async Task EachGpuIsOneLineOfNineFieldsInTheOrderOfTheQuery()
    {
        var world = TelemetryWorld.Create();

        var csv = await world.Text(SomeLab.Brian, "/v1/telemetry/nvidia-smi");

        Assert.EndsWith("\n", csv, StringComparison.Ordinal);
        var rows = Rows(csv);
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(9, r.Length));
        Assert.Equal(["0", "1", "2"], rows.Select(r => r[0]));
        Assert.All(rows, r => Assert.Matches(Uuid(), r[1]));
        Assert.Equal(3, rows.Select(r => r[1]).Distinct().Count());
        Assert.All(rows, r => Assert.Equal("NVIDIA GeForce RTX 3090", r[2]));
        Assert.All(rows, r => Assert.Equal("24576", r[3]));
        Assert.All(rows, r => Assert.InRange(int.Parse(r[4], CultureInfo.InvariantCulture), 0, 24576));
        Assert.All(rows, r => Assert.InRange(int.Parse(r[5], CultureInfo.InvariantCulture), 0, 100));
        Assert.All(rows, r => Assert.InRange(int.Parse(r[6], CultureInfo.InvariantCulture), 20, 95));
        Assert.All(rows, r => Assert.Matches(Watts(), r[7]));
        Assert.All(rows, r => Assert.Equal("350.00", r[8]));
    }

    [Fact]
    public void TheFormatsCheckedAbove_AreThoseOfRealNvidiaSmiOutput()
    {
        // The real quoted lines: UUIDs, "NVIDIA GeForce …" names since driver 5xx, watts with two decimals.
        Assert.Matches(Uuid(), Regex.Match(RealSamples, @"GPU-[0-9a-f-]{36}").Value);
        Assert.Contains(", NVIDIA GeForce RTX 3080, ", RealSamples, StringComparison.Ordinal);
        Assert.Contains(", 176.98, ", RealSamples, StringComparison.Ordinal);
        Assert.Contains("200.00, ", RealSamples, StringComparison.Ordinal);
        Assert.Contains("[N/A]", RealSamples, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadingsFollowTheLoad_LoadedMemoryAndABusyGpuRunHotter()
    {
        var world = TelemetryWorld.Create();
        var idle = Rows(await world.Text(SomeLab.Brian, "/v1/telemetry/nvidia-smi"));

        var request = world.BusyBrian();
        var busy = Rows(await world.Text(SomeLab.Brian, "/v1/telemetry/nvidia-smi"));

        // Idle but holding a resident model: memory in use, no utilisation, power a little above the card's idle 25 W.
        Assert.All(idle, r => Assert.True(int.Parse(r[4], CultureInfo.InvariantCulture) > 20_000));
        Assert.All(idle, r => Assert.Equal("0", r[5]));
        Assert.All(idle, r => Assert.InRange(double.Parse(r[7], CultureInfo.InvariantCulture), 25, 60));
        var hot = Assert.Single(busy, r => r[5] != "0");
        Assert.True(int.Parse(hot[5], CultureInfo.InvariantCulture) >= 80);
        Assert.True(double.Parse(hot[7], CultureInfo.InvariantCulture) > 200);
        Assert.True(int.Parse(hot[6], CultureInfo.InvariantCulture) > int.Parse(idle[0][6], CultureInfo.InvariantCulture) + 20);
        Assert.Equal(idle.Select(r => r[1]), busy.Select(r => r[1]));
        world.Inference.Advance(TimeSpan.FromMinutes(10));
        await request;
    }

    [Fact]
    public async Task AnUnrecognisedCard_ReportsItsPowerAsNotAvailable()
    {
        var config = SomeLab.Single(
            new ServiceConfig { Name = "ollama", Kind = ServiceKind.Ollama, Port = 11434, Models = ["llama3.2:3b"] },
            new AcceleratorConfig { Kind = AcceleratorKind.Nvidia, Model = "Quadro X9000", Count = 1, VramGb = 16 });
        var world = TelemetryWorld.Create(config);

        var row = Assert.Single(Rows(await world.Text("10.0.0.9", "/v1/telemetry/nvidia-smi")));

        Assert.Equal("NVIDIA Quadro X9000", row[2]);
        Assert.Equal("16384", row[3]);
        Assert.Equal("[N/A]", row[7]);
        Assert.Equal("[N/A]", row[8]);
    }

    [GeneratedRegex("^GPU-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex Uuid();

    [GeneratedRegex(@"^\d+\.\d{2}$")]
    private static partial Regex Watts();
}
