using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace PveAgent.Simulator.Telemetry;

/// <summary>
/// <c>tt-smi -s --snapshot_no_tty</c> for the Tenstorrent cards of a node, in the shape of tt-smi 3.x (tt_smi/backend.py):
/// one <c>device_info</c> entry per chip (a Wormhole n300 board is two chips, <c>"n300 L"</c> and the remote
/// <c>"n300 R"</c>), raw <c>smbus_telem</c> registers as hex strings, and <c>telemetry</c>/<c>limits</c> derived from
/// them and printed as padded strings exactly as tt-smi formats them.
/// </summary>
internal static class TtSmiSnapshot
{
    // tt-smi prints json.dumps(..., indent=4).
    private static readonly JsonWriterOptions Indented = new() { Indented = true, IndentSize = 4 };

    /// <summary>Board types and their UPI (board id bits 36+), from tt-smi's board table.</summary>
    private static readonly Dictionary<string, ulong> Upi = new(StringComparer.Ordinal)
    {
        ["n150"] = 0x18,
        ["n300"] = 0x14,
        ["p100a"] = 0x43,
        ["p150a"] = 0x40,
    };

    public static byte[] Render(IReadOnlyList<DeviceReading> cards, string node, int seed, DateTimeOffset now, DateTimeOffset bootedAt)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, Indented))
        {
            w.WriteStartObject();
            w.WriteString("time", PythonIsoFormat(now));
            w.WriteStartObject("host_info");
            w.WriteString("OS", "Linux");
            w.WriteString("Distro", "Debian GNU/Linux 12 (bookworm)");
            w.WriteString("Kernel", "6.8.12-9-pve");
            w.WriteString("Hostname", node);
            w.WriteString("Platform", "x86_64");
            w.WriteString("Python", "3.11.2");
            w.WriteString("Memory", "62.72 GB");
            w.WriteString("Driver", "TT-KMD 2.3.0");
            w.WriteEndObject();
            w.WriteStartObject("host_sw_vers");
            w.WriteString("tt_smi", "3.0.20");
            w.WriteString("pyluwen", "0.7.3");
            w.WriteEndObject();

            w.WriteStartArray("device_info");
            foreach (var chip in Chips(cards))
            {
                WriteChip(w, chip, node, seed, now, bootedAt);
            }

            w.WriteEndArray();

            w.WriteStartArray("processes");
            foreach (var card in cards)
            {
                foreach (var process in card.Processes)
                {
                    w.WriteStartObject();
                    w.WriteNumber("pid", process.Pid);
                    w.WriteString("user", "root");
                    w.WriteNumber("device", card.FamilyIndex);
                    w.WriteString("cmdline", process.CommandLine);
                    w.WriteEndObject();
                }
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return [.. buffer.WrittenSpan, (byte)'\n'];
    }

    /// <summary>The board type tt-smi derives from the model name (the family default is an n150).</summary>
    public static string BoardType(DeviceReading card)
    {
        var name = card.Profile.Name;
        return name.Contains("n300", StringComparison.Ordinal) ? "n300"
            : name.Contains("p100a", StringComparison.Ordinal) ? "p100a"
            : name.Contains("p150", StringComparison.Ordinal) ? "p150a"
            : "n150";
    }

    private static IEnumerable<Chip> Chips(IReadOnlyList<DeviceReading> cards)
    {
        foreach (var card in cards)
        {
            var board = BoardType(card);
            if (board == "n300")
            {
                yield return new Chip(card, board, Remote: false, Share: 0.5);
                yield return new Chip(card, board, Remote: true, Share: 0.5);
            }
            else
            {
                yield return new Chip(card, board, Remote: false, Share: 1);
            }
        }
    }

    private static void WriteChip(Utf8JsonWriter w, Chip chip, string node, int seed, DateTimeOffset now, DateTimeOffset bootedAt)
    {
        var card = chip.Card;
        var wormhole = chip.Board is "n150" or "n300";
        var identity = card.Identity(node, seed);
        var boardId = (Upi[chip.Board] << 36) | (identity & 0xF_FFFF_FFFF);

        // Sensor values of this chip, from the card's reading.
        var maxWatts = card.Profile.MaxWatts * chip.Share;
        var power = (int)Math.Round(card.PowerWatts * chip.Share);
        var voltageMv = (int)Math.Round(720 + (80 * card.PowerFraction));
        var current = (int)Math.Round(power / (voltageMv / 1000.0));
        var aiclk = card.UtilizationPercent >= 50 ? 1000 : 500;
        var temperature = card.TemperatureCelsius + (chip.Remote ? 1.5 : 0);
        var fanRpm = (int)Math.Round(1500 + (2000 * card.PowerFraction));
        var tdpLimit = (int)Math.Round(maxWatts);
        var tdcLimit = (int)Math.Round(maxWatts / 0.85);
        var uptime = (long)Math.Max(0, (now - bootedAt).TotalSeconds);
        // ARC3's health word is the firmware heartbeat; tt-smi shows it divided by 5 (~2 beats a second).
        var arc3Health = (ulong)uptime * 10;

        var registers = new (string Key, ulong? Value)[]
        {
            ("BOARD_ID", boardId),
            ("ENUM_VERSION", 0xba5e0001),
            ("DEVICE_ID", 0x401e1e52),
            ("ASIC_RO", 0x2ece7),
            ("ASIC_IDD", 0xa81),
            ("BOARD_ID_HIGH", boardId >> 32),
            ("BOARD_ID_LOW", boardId & 0xFFFF_FFFF),
            ("ARC0_FW_VERSION", 0x2220000),
            ("ARC1_FW_VERSION", 0x2220000),
            ("ARC2_FW_VERSION", null),
            ("ARC3_FW_VERSION", 0x2220000),
            ("SPIBOOTROM_FW_VERSION", 0x30d0000),
            ("ETH_FW_VERSION", 0x70000),
            ("M3_BL_FW_VERSION", 0x81020000),
            ("M3_APP_FW_VERSION", 0x5040000),
            ("DDR_SPEED", null),
            // Bits 31:24 select the speed (2 = 12G), bits 23:0 hold 0x2 (trained) per channel.
            ("DDR_STATUS", 0x2222222),
            ("ETH_STATUS0", 0x22222222),
            ("ETH_STATUS1", 0x22222222),
            ("PCIE_STATUS", chip.Remote ? null : 0x11040000),
            ("FAULTS", null),
            ("ARC0_HEALTH", arc3Health * 3),
            ("ARC1_HEALTH", (ulong)uptime),
            ("ARC2_HEALTH", null),
            ("ARC3_HEALTH", arc3Health),
            ("FAN_SPEED", chip.Remote ? (ulong)fanRpm << 16 : (ulong)fanRpm),
            ("AICLK", (1000UL << 16) | (ulong)aiclk),
            ("AXICLK", 0x384),
            ("ARCCLK", 0x21c),
            ("THROTTLER", 0x0),
            ("VCORE", (ulong)voltageMv),
            ("ASIC_TEMPERATURE", (ulong)Math.Round(temperature * 16) & 0xFFFF),
            ("VREG_TEMPERATURE", (ulong)Math.Round(temperature - 4)),
            ("BOARD_TEMPERATURE", 0x2a2b2c),
            ("TDP", ((ulong)(uint)tdpLimit << 16) | (uint)power),
            ("TDC", ((ulong)(uint)tdcLimit << 16) | (uint)current),
            ("VDD_LIMITS", (950UL << 16) | 700UL),
            ("THM_LIMITS", (105UL << 16) | 90UL),
            ("WH_FW_DATE", 0x54020d1f),
            ("ASIC_TMON0", 0x2b2a2c2b),
            ("ASIC_TMON1", 0x2c2b2a2c),
            ("MVDDQ_POWER", 0x190019),
            ("GDDR_TRAIN_TEMP0", 0x0),
            ("GDDR_TRAIN_TEMP1", 0x0),
            ("BOOT_DATE", 0x54020d1f),
            ("RT_SECONDS", (ulong)uptime),
            ("AUX_STATUS", null),
            ("ETH_DEBUG_STATUS0", 0xccddddcc),
            ("ETH_DEBUG_STATUS1", 0xccdddddd),
            ("TT_FLASH_VERSION", 0x3020000),
            ("FW_BUNDLE_VERSION", 0x12030000),
            // Wormhole's SMBus telemetry has no input-power tag: board_power is "N/A".
            ("INPUT_POWER", wormhole ? null : (ulong)Math.Round(card.PowerWatts * chip.Share * 1.1)),
        };

        w.WriteStartObject();
        w.WriteStartObject("smbus_telem");
        foreach (var (key, value) in registers)
        {
            if (value is { } v)
            {
                w.WriteString(key, "0x" + v.ToString("x", CultureInfo.InvariantCulture));
            }
            else
            {
                w.WriteNull(key);
            }
        }

        w.WriteEndObject();

        w.WriteStartObject("board_info");
        w.WriteString("bus_id", chip.Remote ? "N/A" : string.Create(CultureInfo.InvariantCulture, $"0000:{1 + (card.FamilyIndex * 0x20):x2}:00.0"));
        w.WriteString("board_type", wormhole ? chip.Board + (chip.Remote ? " R" : " L") : chip.Board);
        w.WriteString("board_id", boardId.ToString("x16", CultureInfo.InvariantCulture));
        w.WriteString("coords", wormhole ? (chip.Remote ? "(1, 0, 0, 0)" : "(0, 0, 0, 0)") : "N/A");
        w.WriteBoolean("dram_status", true);
        w.WriteString("dram_speed", "12G");
        if (chip.Remote)
        {
            w.WriteString("pcie_speed", "N/A");
            w.WriteString("pcie_width", "N/A");
        }
        else
        {
            w.WriteNumber("pcie_speed", 4);
            w.WriteString("pcie_width", "16");
        }

        w.WriteEndObject();

        w.WriteStartObject("telemetry");
        w.WriteString("voltage", Python(voltageMv / 1000.0, "{0,4:0.00}"));
        w.WriteString("current", Python(current, "{0,5:0.0}"));
        w.WriteString("power", Python(power, "{0,5:0.0}"));
        w.WriteString("board_power", wormhole ? "N/A" : Python(Math.Round(card.PowerWatts * chip.Share * 1.1), "{0,5:0.0}"));
        w.WriteString("aiclk", Python(aiclk, "{0,4:0}"));
        w.WriteString("asic_temperature", Python(((ulong)Math.Round(temperature * 16) & 0xFFFF) / 16.0, "{0,4:0.0}"));
        w.WriteString("fan_speed", fanRpm.ToString(CultureInfo.InvariantCulture));
        w.WriteString("heartbeat", (arc3Health / 5).ToString(CultureInfo.InvariantCulture));
        w.WriteEndObject();

        w.WriteStartObject("firmwares");
        w.WriteString("fw_bundle_version", "18.3.0.0");
        w.WriteString("tt_flash_version", "3.2.0.0");
        w.WriteString("cm_fw", "2.34.0.0");
        w.WriteString("cm_fw_date", "2025-02-13");
        w.WriteString("eth_fw", "7.0.0");
        w.WriteString("dm_bl_fw", "129.2.0.0");
        w.WriteString("dm_app_fw", "5.4.0.0");
        w.WriteString("gddr_fw", "N/A");
        w.WriteEndObject();

        w.WriteStartObject("limits");
        w.WriteString("vdd_min", Python(0.70, "{0,4:0.00}"));
        w.WriteString("vdd_max", Python(0.95, "{0,4:0.00}"));
        w.WriteString("tdp_limit", Python(tdpLimit, "{0,3:0}"));
        w.WriteString("tdc_limit", Python(tdcLimit, "{0,3:0}"));
        w.WriteString("asic_fmax", Python(1000, "{0,4:0}"));
        w.WriteString("therm_trip_l1_limit", Python(105, "{0,2:0}"));
        w.WriteString("thm_limit", Python(90, "{0,2:0}"));
        // Limits tt-smi cannot read from a Wormhole's SMBus block are the integer 0.
        w.WriteNumber("bus_peak_limit", 0);
        w.WriteNumber("fan_rpm_limit", 0);
        w.WriteNumber("board_power_limit", 0);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static string Python(double value, string format) => string.Format(CultureInfo.InvariantCulture, format, value);

    /// <summary>Python's <c>datetime.isoformat()</c> of a naive local time: microseconds only when non-zero.</summary>
    private static string PythonIsoFormat(DateTimeOffset time)
    {
        var t = time.UtcDateTime;
        var micro = (t.Ticks % TimeSpan.TicksPerSecond) / 10;
        return micro == 0
            ? t.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)
            : t.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "." + micro.ToString("000000", CultureInfo.InvariantCulture);
    }

    private sealed record Chip(DeviceReading Card, string Board, bool Remote, double Share);
}
