using PveAgent.Core.Telemetry;

namespace PveAgent.Core.Tests.Telemetry;

public sealed class TtSmiSnapshotParserTests
{
    private static string N300Excerpt => TruncatedJson.Repair(Fixture.Shared("tenstorrent", "issue_tt-smi-3_n300_snapshot_2024_EXCERPT.txt"));

    private static TenstorrentSnapshot Parse(string text)
    {
        var result = TtSmiSnapshotParser.Parse(text);
        Assert.True(result.Succeeded, result.Failure?.Message);
        return result.Value;
    }

    [Fact]
    public void Parse_N300Snapshot2024_ReadsHostAndPaddedStringTelemetry()
    {
        var snapshot = Parse(N300Excerpt);

        Assert.Equal(new DateTime(2024, 2, 1, 22, 8, 18, 265, 900), snapshot.TakenAt);
        Assert.Equal("tt-metal-2", snapshot.Hostname);
        Assert.Equal("TTKMD 1.26", snapshot.Driver);
        Assert.Null(snapshot.TtSmiVersion);
        var chip = Assert.Single(snapshot.Chips);
        Assert.Equal(0.72, chip.VoltageV);
        Assert.Equal(17.0, chip.CurrentA);
        Assert.Equal(13.0, chip.PowerW);
        Assert.Equal(500, chip.AiclkMhz);
        Assert.Equal(44.9, chip.AsicTemperatureC);
        Assert.Null(chip.BoardPowerW);
        Assert.Null(chip.FanRpm);
    }

    [Fact]
    public void Parse_N300Snapshot2024_ReadsBoardInfoAndTheOldFirmwareKeys()
    {
        var chip = Assert.Single(Parse(N300Excerpt).Chips);

        Assert.Equal("n300", chip.BoardType);
        Assert.Equal(TenstorrentArchitecture.Wormhole, chip.Architecture);
        Assert.False(chip.IsRemote);
        Assert.Equal("1234", chip.BoardId);
        Assert.Equal("0000:31:00.0", chip.BusId);
        Assert.True(chip.DramTrained);
        Assert.Equal("12G", chip.DramSpeed);
        Assert.Equal("2.13.0.0", chip.ManagementFirmwareVersion);
    }

    [Fact]
    public void Parse_ProgressLineBeforeTheJson_IsSkipped()
    {
        var readme = Fixture.Shared("tenstorrent", "tt-smi_README_snapshot_section.md");
        var progress = readme.Split('\n').First(l => l.Contains("Gathering Information", StringComparison.Ordinal));

        var snapshot = Parse($"{progress}\n{N300Excerpt}\n");

        Assert.Equal("tt-metal-2", snapshot.Hostname);
        Assert.Equal(13.0, Assert.Single(snapshot.Chips).PowerW);
    }

    [Fact]
    public void Parse_P150aSnapshot2025_DerivesTheBoardTypeFromTheSmbusBoardId()
    {
        var snapshot = Parse(TruncatedJson.Repair(Fixture.Shared("tenstorrent", "issue_tt-firmware-26_p150a_snapshot_2025_EXCERPT.txt")));

        Assert.Equal("prometheus", snapshot.Hostname);
        Assert.Equal("TT-KMD 2.3.0", snapshot.Driver);
        Assert.Equal("3.0.20", snapshot.TtSmiVersion);
        var chip = Assert.Single(snapshot.Chips);
        Assert.Equal("p150a", chip.BoardType);
        Assert.Equal(TenstorrentArchitecture.Blackhole, chip.Architecture);
        Assert.Equal("40331914049", chip.BoardId);
        Assert.Null(chip.AiclkMhz);
    }

    [Fact]
    public void Parse_GalaxySmbusOnly_DecodesBoardTypeAndClockAndTreatsAllOnesFanAsAbsent()
    {
        var entry = TruncatedJson.Repair(Fixture.WithoutCommentLines(Fixture.Shared("tenstorrent", "issue_dstack-2898_galaxy_wh_smbus_telem_2025_EXCERPT.txt")));

        var chip = Assert.Single(Parse($$"""{"device_info": [{{entry}}]}""").Chips);

        Assert.Equal("tt-galaxy-wh", chip.BoardType);
        Assert.Equal(TenstorrentArchitecture.Wormhole, chip.Architecture);
        Assert.Equal(1000, chip.AiclkMhz);
        Assert.Null(chip.FanRpm);
    }

    [Fact]
    public void Parse_GalaxyFirmwareFragment_TreatsNAAsMissingAndReadsCmFirmware()
    {
        var fragment = Fixture.Shared("tenstorrent", "issue_tt-smi-72_galaxy_firmwares_fragment_2025.txt");
        var member = fragment[fragment.IndexOf("\"firmwares\"", StringComparison.Ordinal)..fragment.LastIndexOf('}')] + "}";

        var chip = Assert.Single(Parse($$"""{"device_info": [{ {{member}} }]}""").Chips);

        Assert.Null(chip.FirmwareBundleVersion);
        Assert.Equal("2.31.0.0", chip.ManagementFirmwareVersion);
    }

    [Fact]
    public void Parse_N300AsLeftAndRightChips_FormsOneBoardWithBothChips()
    {
        // The n300 entry of tt-smi#3 twice, as newer tt-smi prints an n300: " L" (PCIe) and " R" (remote) chips, one board id.
        var entry = N300Excerpt[N300Excerpt.IndexOf("{\n            \"board_info\"", StringComparison.Ordinal)..N300Excerpt.LastIndexOf(']')].TrimEnd();
        var left = entry.Replace("\"board_type\": \"n300\"", "\"board_type\": \"n300 L\"", StringComparison.Ordinal);
        var right = entry.Replace("\"board_type\": \"n300\"", "\"board_type\": \"n300 R\"", StringComparison.Ordinal)
            .Replace("\"bus_id\": \"0000:31:00.0\"", "\"bus_id\": \"N/A\"", StringComparison.Ordinal);

        var snapshot = Parse($$"""{"device_info": [{{left}}, {{right}}], "processes": [{"pid": 4711, "user": "ai", "device": 1, "cmdline": "python serve.py"}]}""");

        Assert.Equal(2, snapshot.Chips.Count);
        Assert.Equal(["n300", "n300"], snapshot.Chips.Select(c => c.BoardType));
        Assert.Equal(["n300 L", "n300 R"], snapshot.Chips.Select(c => c.RawBoardType));
        Assert.Equal([false, true], snapshot.Chips.Select(c => c.IsRemote));
        Assert.Null(snapshot.Chips[1].BusId);
        var board = Assert.Single(snapshot.Boards);
        Assert.Equal([0, 1], board.ChipIndexes);
        Assert.Equal("n300", board.BoardType);
        Assert.Equal(26.0, board.PowerW);
        Assert.Equal(44.9, board.MaxTemperatureC);
        Assert.Equal(1, board.ProcessCount);
        Assert.Equal("python serve.py", Assert.Single(snapshot.Processes).CommandLine);
    }

    [Fact]
    public void Parse_BoardPowerAndLimits_NAAndZeroMeanUnknown()
    {
        const string json = """
            {"device_info": [
              {"board_info": {"board_type": "p150a", "board_id": "40331914049"},
               "telemetry": {"power": " 31.0", "board_power": "N/A", "asic_temperature": 52.5},
               "limits": {"tdp_limit": 0, "thm_limit": " 75", "board_power_limit": "N/A", "asic_fmax": "1350"}},
              {"board_info": {"board_type": "p150a", "board_id": "40331914050"},
               "telemetry": {"power": " 30.0", "board_power": "  45.0"}}
            ]}
            """;

        var snapshot = Parse(json);

        Assert.Null(snapshot.Chips[0].BoardPowerW);
        Assert.Null(snapshot.Chips[0].TdpLimitW);
        Assert.Null(snapshot.Chips[0].BoardPowerLimitW);
        Assert.Equal(75, snapshot.Chips[0].ThermalLimitC);
        Assert.Equal(1350, snapshot.Chips[0].AiclkMaxMhz);
        Assert.Equal(52.5, snapshot.Chips[0].AsicTemperatureC);
        Assert.Equal(45.0, snapshot.Chips[1].BoardPowerW);
        Assert.Equal([31.0, 45.0], snapshot.Boards.Select(b => b.PowerW));
    }

    [Fact]
    public void Parse_NoDriver_IsDriverUnavailable()
    {
        var notes = Fixture.Shared("NOTES.md");
        var start = notes.IndexOf("No Tenstorrent driver detected!", StringComparison.Ordinal);
        var message = notes[start..notes.IndexOf('…', start)];

        var result = TtSmiSnapshotParser.Parse(message);

        Assert.Equal(TelemetryFailureKind.DriverUnavailable, result.Failure!.Kind);
        Assert.Contains("TT-KMD", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TruncatedOutput_IsMalformedOutputQuotingTheFirstLine()
    {
        var excerpt = Fixture.Shared("tenstorrent", "issue_tt-smi-3_n300_snapshot_2024_EXCERPT.txt");

        var result = TtSmiSnapshotParser.Parse(excerpt);

        Assert.Equal(TelemetryFailureKind.MalformedOutput, result.Failure!.Kind);
        Assert.Contains("truncated", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ReadmeExampleCutWithDots_IsMalformedOutputNotAnException()
    {
        var readme = Fixture.Shared("tenstorrent", "tt-smi_README_snapshot_section.md");
        var example = readme[readme.IndexOf("$ tt-smi -s", StringComparison.Ordinal)..];

        var result = TtSmiSnapshotParser.Parse(example);

        Assert.Equal(TelemetryFailureKind.MalformedOutput, result.Failure!.Kind);
        Assert.Contains("first line: \"$ tt-smi -s\"", result.Failure.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BalancedButInvalidJson_IsMalformedOutput()
    {
        var result = TtSmiSnapshotParser.Parse("{\"time\": 2024-02-01T22:08:18}");

        Assert.Equal(TelemetryFailureKind.MalformedOutput, result.Failure!.Kind);
        Assert.StartsWith("tt-smi snapshot is not valid JSON", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptyOutput_SaysNothingWasPrinted()
    {
        Assert.Contains("printed nothing", TtSmiSnapshotParser.Parse("  \n").Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExtractFirstObject_IgnoresBracesInsideStrings()
    {
        const string text = "noise { not json\n{\"cmdline\": \"python -c \\\"print('}')\\\"\", \"n\": {\"x\": 1}} trailing {";

        Assert.Equal("{\"cmdline\": \"python -c \\\"print('}')\\\"\", \"n\": {\"x\": 1}}", TtSmiSnapshotParser.ExtractFirstObject(text[text.IndexOf('\n', StringComparison.Ordinal)..]));
    }
}
