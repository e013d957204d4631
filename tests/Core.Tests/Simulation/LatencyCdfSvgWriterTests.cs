using System.Globalization;
using System.Xml.Linq;
using PveAgent.Core.Simulation;

namespace PveAgent.Core.Tests.Simulation;

public sealed class LatencyCdfSvgWriterTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Write_IsWellFormedSvgWithOneRisingLinePerPolicyAndALegend()
    {
        var report = PolicyComparison.Run(SampleCluster.Config, WorkloadProfile.Mixed, 3, seed: 5, PolicyNames.All);

        var document = XDocument.Parse(LatencyCdfSvgWriter.Write(report));

        Assert.Equal(Svg + "svg", document.Root!.Name);
        var lines = document.Descendants(Svg + "polyline").ToList();
        Assert.Equal(PolicyNames.All, lines.Select(l => (string?)l.Attribute("data-policy")));
        foreach (var line in lines)
        {
            var points = ((string)line.Attribute("points")!).Split(' ').Select(p => p.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToList();
            Assert.True(points.Count > 2);
            Assert.True(points.Zip(points.Skip(1)).All(p => p.Second[0] >= p.First[0] && p.Second[1] <= p.First[1]), "a CDF moves right and up");
        }

        var legend = document.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "legend").Select(t => t.Value).ToList();
        Assert.Equal(PolicyNames.All.Count, legend.Count);
        Assert.All(PolicyNames.All, name => Assert.Contains(legend, l => l.StartsWith(name + " (p95 ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Write_TimeAxis_IsLabelledInDecades()
    {
        var report = PolicyComparison.Run(SampleCluster.Config, WorkloadProfile.Mixed, 3, seed: 5, [PolicyNames.PveAgent]);

        var labels = XDocument.Parse(LatencyCdfSvgWriter.Write(report)).Descendants(Svg + "text").Select(t => t.Value).ToList();

        Assert.Contains("1 s", labels);
        Assert.Contains("10 s", labels);
    }
}
