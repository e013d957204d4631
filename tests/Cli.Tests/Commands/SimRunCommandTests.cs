using System.Text.Json;
using System.Xml.Linq;

namespace PveAgent.Cli.Tests.Commands;

public sealed class SimRunCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public SimRunCommandTests() => _cli.UseSampleConfig();

    [Fact]
    public async Task SimRunJson_AllPolicies_ReportsEveryFigureForEachInTheDocumentedShape()
    {
        var run = await _cli.RunAsync("sim", "run", "--workload", "mixed", "--minutes", "5", "--policies", "all", "--json");

        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.Equal("mixed", doc.RootElement.GetProperty("workload").GetString());
        Assert.Equal(42, doc.RootElement.GetProperty("seed").GetInt32());
        var policies = doc.RootElement.GetProperty("policies").EnumerateArray().ToList();
        Assert.Equal(["round-robin", "random", "least-loaded", "fifo-first-fit", "pveagent"], policies.Select(p => p.GetProperty("policy").GetString()));
        foreach (var p in policies)
        {
            Assert.True(p.GetProperty("p50_ms").GetDouble() <= p.GetProperty("p95_ms").GetDouble());
            Assert.True(p.GetProperty("p95_ms").GetDouble() <= p.GetProperty("p99_ms").GetDouble());
            Assert.InRange(p.GetProperty("warm_hit_rate").GetDouble(), 0, 1);
            Assert.True(p.GetProperty("energy_kwh").GetDouble() > 0);
        }
    }

    [Fact]
    public async Task SimRun_SameSeedTwice_GivesTheSameNumbers()
    {
        var a = await _cli.RunAsync("sim", "run", "--minutes", "3", "--policies", "pveagent,least-loaded", "--json");
        var b = await _cli.RunAsync("sim", "run", "--minutes", "3", "--policies", "pveagent,least-loaded", "--json");

        Assert.Equal(a.Out, b.Out);
    }

    [Fact]
    public async Task SimRun_Svg_WritesAWellFormedChartWithOneLinePerPolicy()
    {
        var run = await _cli.RunAsync("sim", "run", "--minutes", "3", "--policies", "round-robin,pveagent", "--svg", "cdf.svg");

        Assert.Equal(0, run.ExitCode);
        var svg = XDocument.Load(Path.Combine(_cli.WorkingDirectory, "cdf.svg"));
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        Assert.Equal(2, svg.Descendants().Count(e => e.Name.LocalName == "polyline"));
        Assert.Contains("pveagent", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SimRun_UnknownPolicy_IsRefusedWithTheList()
    {
        var run = await _cli.RunAsync("sim", "run", "--policies", "pveagent,smartest");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown policy 'smartest'", run.Error, StringComparison.Ordinal);
        Assert.Contains("least-loaded", run.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
