using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using PveAgent.Core.Registry;
using PveAgent.Simulator.Tests.Inference;

namespace PveAgent.Simulator.Tests.Telemetry;

public sealed class TtSmiSnapshotTests
{
    private static async Task<JsonElement> Snapshot(TelemetryWorld world, string host = SomeLab.EdgeTt) =>
        JsonDocument.Parse(await world.Text(host, "/v1/telemetry/tt-smi")).RootElement.Clone();

    /// <summary>Keys of one object in a (truncated) real excerpt: the quoted names followed by a colon.</summary>
    private static HashSet<string> KeysIn(string excerpt, string section)
    {
        var start = excerpt.IndexOf($"\"{section}\": {{", StringComparison.Ordinal);
        Assert.True(start >= 0, $"section {section} not in the excerpt");
        var end = excerpt.IndexOf('}', start);
        var body = end < 0 ? excerpt[start..] : excerpt[start..end];
        return [.. Regex.Matches(body, "\"([A-Za-z0-9_]+)\":").Select(m => m.Groups[1].Value).Where(k => k != section)];
    }

    [Fact]
    public async Task Snapshot_HasTheTopLevelAndHostSectionsOfARealOne()
    {
        var world = TelemetryWorld.Create();

        var snapshot = await Snapshot(world);

        var real = Fixtures.Text("tenstorrent", "issue_tt-firmware-26_p150a_snapshot_2025_EXCERPT.txt");
        Assert.Equal(["time", "host_info", "host_sw_vers", "device_info", "processes"], snapshot.EnumerateObject().Select(p => p.Name));
        Assert.Equal(KeysIn(real, "host_info"), snapshot.GetProperty("host_info").EnumerateObject().Select(p => p.Name).ToHashSet());
        Assert.Equal(KeysIn(real, "host_sw_vers"), snapshot.GetProperty("host_sw_vers").EnumerateObject().Select(p => p.Name).ToHashSet());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?$", snapshot.GetProperty("time").GetString());
        Assert.Equal("edge-tt", snapshot.GetProperty("host_info").GetProperty("Hostname").GetString());
    }

    [Fact]
    public async Task SmbusTelemetry_CarriesEveryRegisterOfARealWormholeSnapshot_AsHexOrNull()
    {
        var world = TelemetryWorld.Create();

        var device = Assert.Single((await Snapshot(world)).GetProperty("device_info").EnumerateArray());

        var real = KeysIn(Fixtures.Text("tenstorrent", "issue_dstack-2898_galaxy_wh_smbus_telem_2025_EXCERPT.txt"), "smbus_telem");
        Assert.True(real.Count >= 30, "the excerpt should list the Wormhole registers");
        var smbus = device.GetProperty("smbus_telem");
        Assert.All(real, key => Assert.True(smbus.TryGetProperty(key, out _), $"smbus_telem.{key} missing"));
        Assert.All(smbus.EnumerateObject(), p => Assert.True(
            p.Value.ValueKind == JsonValueKind.Null || Regex.IsMatch(p.Value.GetString()!, "^0x[0-9a-f]+$"), $"{p.Name} = {p.Value}"));
        Assert.Equal(["smbus_telem", "board_info", "telemetry", "firmwares", "limits"], device.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Telemetry_IsPaddedStringsDerivedFromTheRegisters_AsTtSmiComputesThem()
    {
        var world = TelemetryWorld.Create();

        var device = (await Snapshot(world)).GetProperty("device_info")[0];

        var smbus = device.GetProperty("smbus_telem");
        var telemetry = device.GetProperty("telemetry");
        ulong Register(string name) => Convert.ToUInt64(smbus.GetProperty(name).GetString(), 16);
        double Value(string name) => double.Parse(telemetry.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);
        // SNAPSHOT_SCHEMA.md: voltage = VCORE/1000, current = TDC & 0xFFFF, power = TDP & 0xFFFF, aiclk = AICLK & 0xFFFF,
        // Wormhole asic_temperature = (ASIC_TEMPERATURE & 0xFFFF) / 16.
        Assert.Equal(Register("VCORE") / 1000.0, Value("voltage"), 2);
        Assert.Equal(Register("TDC") & 0xFFFF, Value("current"));
        Assert.Equal(Register("TDP") & 0xFFFF, Value("power"));
        Assert.Equal(Register("AICLK") & 0xFFFF, Value("aiclk"));
        Assert.Equal((Register("ASIC_TEMPERATURE") & 0xFFFF) / 16.0, Value("asic_temperature"), 1);
        // Widths as in the real excerpt: "0.72", " 17.0", " 13.0", " 500", "44.9".
        var real = Fixtures.Text("tenstorrent", "issue_tt-smi-3_n300_snapshot_2024_EXCERPT.txt");
        var fields = Regex.Matches(real[real.IndexOf("\"telemetry\"", StringComparison.Ordinal)..], "\"(voltage|current|power|aiclk|asic_temperature)\": \"([^\"]*)\"");
        Assert.Equal(5, fields.Count);
        foreach (Match field in fields)
        {
            Assert.Equal(field.Groups[2].Value.Length, telemetry.GetProperty(field.Groups[1].Value).GetString()!.Length);
        }

        Assert.Equal("N/A", telemetry.GetProperty("board_power").GetString());
    }

    [Fact]
    public async Task BoardInfo_OfAnN150_IsOneLocalWormholeChipWhoseBoardIdEncodesTheBoardType()
    {
        var world = TelemetryWorld.Create();

        var board = (await Snapshot(world)).GetProperty("device_info")[0].GetProperty("board_info");

        Assert.Equal("n150 L", board.GetProperty("board_type").GetString());
        // SNAPSHOT_SCHEMA.md: the UPI is board_id >> 36, 0x18 for an n150.
        Assert.Equal(0x18UL, Convert.ToUInt64(board.GetProperty("board_id").GetString(), 16) >> 36);
        Assert.True(board.GetProperty("dram_status").GetBoolean());
        Assert.Equal("12G", board.GetProperty("dram_speed").GetString());
        var real = KeysIn(Fixtures.Text("tenstorrent", "issue_tt-smi-3_n300_snapshot_2024_EXCERPT.txt"), "board_info");
        Assert.Equal(real, board.EnumerateObject().Select(p => p.Name).ToHashSet());
    }

    [Fact]
    public async Task AnN300_IsTwoChips_TheRemoteOneWithoutAPciAddress()
    {
        var config = SomeLab.Single(
            new ServiceConfig { Name = "vllm", Kind = ServiceKind.Vllm, Port = 8000, Models = ["llama-3.2-3b-instruct"] },
            new AcceleratorConfig { Kind = AcceleratorKind.Tenstorrent, Model = "wormhole-n300", Count = 1, VramGb = 24 });
        var world = TelemetryWorld.Create(config);

        var devices = (await Snapshot(world, "10.0.0.9")).GetProperty("device_info").EnumerateArray().Select(d => d.GetProperty("board_info")).ToList();

        Assert.Equal(["n300 L", "n300 R"], devices.Select(d => d.GetProperty("board_type").GetString()));
        Assert.NotEqual("N/A", devices[0].GetProperty("bus_id").GetString());
        Assert.Equal("N/A", devices[1].GetProperty("bus_id").GetString());
        Assert.All(devices, d => Assert.Equal(0x14UL, Convert.ToUInt64(d.GetProperty("board_id").GetString(), 16) >> 36));
    }

    [Fact]
    public async Task AChipServingARequest_DrawsMorePowerAndRunsHotter()
    {
        var world = TelemetryWorld.Create();
        var idle = (await Snapshot(world)).GetProperty("device_info")[0].GetProperty("telemetry");
        var request = world.Inference.Send(SimWorld.Post(SomeLab.EdgeTt, 8000, "/v1/chat/completions", """{"model":"llama-3.2-3b-instruct","messages":[{"role":"user","content":"hi"}],"max_tokens":400}"""));
        world.Inference.Advance(TimeSpan.FromSeconds(1));

        var busy = (await Snapshot(world)).GetProperty("device_info")[0].GetProperty("telemetry");

        double Value(JsonElement t, string name) => double.Parse(t.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);
        Assert.True(Value(busy, "power") > Value(idle, "power") + 50);
        Assert.True(Value(busy, "asic_temperature") > Value(idle, "asic_temperature") + 10);
        Assert.Equal(1000, Value(busy, "aiclk"));
        world.Inference.Advance(TimeSpan.FromMinutes(10));
        await request;
    }

    [Fact]
    public async Task Processes_ListTheServersHoldingTheCard()
    {
        var world = TelemetryWorld.Create();

        var processes = (await Snapshot(world)).GetProperty("processes").EnumerateArray().ToList();

        Assert.Equal(3, processes.Count);
        Assert.All(processes, p => Assert.Equal(["pid", "user", "device", "cmdline"], p.EnumerateObject().Select(x => x.Name)));
        Assert.Contains(processes, p => p.GetProperty("cmdline").GetString()!.Contains("vllm", StringComparison.Ordinal));
    }
}
