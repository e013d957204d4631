using System.Xml;
using PveAgent.Simulator.Tests.Inference;
using PveAgent.TestSupport;

namespace PveAgent.Simulator.Tests.Telemetry;

public sealed class NvidiaSmiXmlTests
{
    private static XmlDocument Load(string xml)
    {
        // Real nvidia-smi XML names a DTD that is not on disk: a parser must ignore it.
        using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
        var document = new XmlDocument();
        document.Load(reader);
        return document;
    }

    private static IEnumerable<string> Paths(XmlNode node, string prefix = "")
    {
        foreach (var child in node.ChildNodes.OfType<XmlElement>())
        {
            var path = prefix + "/" + child.Name;
            yield return path;
            foreach (var nested in Paths(child, path))
            {
                yield return nested;
            }
        }
    }

    private static HashSet<string> RealPaths(params string[] files) =>
        [.. files.SelectMany(f => Paths(Load(File.ReadAllText(SharedFiles.Shared("fixtures", "nvidia", f)))))];

    [Fact]
    public async Task EveryElementWeWrite_AppearsInRealNvidiaSmiCaptures()
    {
        var world = TelemetryWorld.Create();
        var request = world.BusyBrian();

        var xml = await world.Text(SomeLab.Brian, "/v1/telemetry/nvidia-smi-xml");

        Assert.Contains("<!DOCTYPE nvidia_smi_log SYSTEM \"nvsmi_device_v12.dtd\">", xml, StringComparison.Ordinal);
        // v12 captures for everything; process_info children as every driver writes them (v12 samples have no processes).
        var real = RealPaths(Path.Combine("telegraf_testdata", "a100-sxm4-v12.xml"), Path.Combine("telegraf_testdata", "rtx-3060-v12.xml"), Path.Combine("telegraf_testdata", "tesla-t4.xml"));
        var ours = Paths(Load(xml)).Distinct().ToList();
        Assert.All(ours, p => Assert.True(real.Contains(p), $"{p} is not in the real captures"));
        Assert.Contains("/nvidia_smi_log/gpu/gpu_power_readings/power_draw", ours);
        Assert.Contains("/nvidia_smi_log/gpu/processes/process_info/used_memory", ours);
        world.Inference.Advance(TimeSpan.FromMinutes(10));
        await request;
    }

    [Fact]
    public async Task XmlAndCsv_ReportTheSameReadings()
    {
        var world = TelemetryWorld.Create();
        var request = world.BusyBrian();

        var xml = Load(await world.Text(SomeLab.Brian, "/v1/telemetry/nvidia-smi-xml"));
        var csv = (await world.Text(SomeLab.Brian, "/v1/telemetry/nvidia-smi")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(", ")).ToList();

        var gpus = xml.SelectNodes("/nvidia_smi_log/gpu")!.OfType<XmlElement>().ToList();
        Assert.Equal("3", xml.SelectSingleNode("/nvidia_smi_log/attached_gpus")!.InnerText);
        Assert.Equal(3, gpus.Count);
        for (var i = 0; i < gpus.Count; i++)
        {
            var gpu = gpus[i];
            Assert.Equal(csv[i][1], gpu.SelectSingleNode("uuid")!.InnerText);
            Assert.Equal(csv[i][2], gpu.SelectSingleNode("product_name")!.InnerText);
            Assert.Equal(csv[i][3] + " MiB", gpu.SelectSingleNode("fb_memory_usage/total")!.InnerText);
            Assert.Equal(csv[i][4] + " MiB", gpu.SelectSingleNode("fb_memory_usage/used")!.InnerText);
            Assert.Equal(csv[i][5] + " %", gpu.SelectSingleNode("utilization/gpu_util")!.InnerText);
            Assert.Equal(csv[i][6] + " C", gpu.SelectSingleNode("temperature/gpu_temp")!.InnerText);
            Assert.Equal(csv[i][7] + " W", gpu.SelectSingleNode("gpu_power_readings/power_draw")!.InnerText);
            Assert.Equal(csv[i][8] + " W", gpu.SelectSingleNode("gpu_power_readings/current_power_limit")!.InnerText);
            Assert.Equal(gpu.GetAttribute("id"), gpu.SelectSingleNode("pci/pci_bus_id")!.InnerText);
        }

        world.Inference.Advance(TimeSpan.FromMinutes(10));
        await request;
    }

    [Fact]
    public async Task ServerProcesses_AreListedWithTheMemoryTheyHold()
    {
        var world = TelemetryWorld.Create();

        var xml = Load(await world.Text(SomeLab.Brian, "/v1/telemetry/nvidia-smi-xml"));

        var processes = xml.SelectNodes("//process_info")!.OfType<XmlElement>().ToList();
        Assert.Contains(processes, p => p.SelectSingleNode("process_name")!.InnerText == "/usr/local/bin/ollama");
        Assert.Contains(processes, p => p.SelectSingleNode("process_name")!.InnerText == "python3");
        Assert.All(processes, p => Assert.Matches(@"^\d+ MiB$", p.SelectSingleNode("used_memory")!.InnerText));
    }
}
