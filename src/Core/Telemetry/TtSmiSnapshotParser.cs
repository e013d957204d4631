using System.Globalization;
using System.Text.Json;

namespace PveAgent.Core.Telemetry;

/// <summary>
/// Parses a <c>tt-smi -s</c> snapshot. Defensive by design: the JSON is cut out of whatever surrounds it (progress
/// lines), every telemetry value may be a space-padded string, a number, <c>"N/A"</c> or absent, limits may be the
/// integer 0 for "unknown", and old key names (<c>arc_fw</c>, <c>SMBUS_TX_*</c>) are read as well as new ones.
/// </summary>
public static class TtSmiSnapshotParser
{
    /// <summary>tt-smi arguments for a machine-readable snapshot on stdout.</summary>
    public static IReadOnlyList<string> Arguments { get; } = ["-s", "--snapshot_no_tty"];

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>Parses the snapshot; a missing driver, missing JSON or invalid JSON become typed failures.</summary>
    public static ParseResult<TenstorrentSnapshot> Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.Contains("No Tenstorrent driver detected", StringComparison.OrdinalIgnoreCase))
        {
            return ParseResult.Fail<TenstorrentSnapshot>(
                TelemetryFailureKind.DriverUnavailable,
                "tt-smi found no Tenstorrent driver: install and load TT-KMD (check `lsmod | grep tenstorrent` and /dev/tenstorrent/).");
        }

        var extracted = ExtractFirstObject(output);
        if (extracted is null)
        {
            var firstLine = output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            return ParseResult.Fail<TenstorrentSnapshot>(
                TelemetryFailureKind.MalformedOutput,
                firstLine is null
                    ? "tt-smi printed nothing: run `tt-smi -s --snapshot_no_tty` on the node to see why."
                    : $"tt-smi printed no complete JSON snapshot (first line: \"{firstLine}\"); the output may be truncated.");
        }

        try
        {
            using var document = JsonDocument.Parse(extracted, DocumentOptions);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return ParseResult.Fail<TenstorrentSnapshot>(TelemetryFailureKind.MalformedOutput, "tt-smi snapshot is not a JSON object.");
            }

            return ParseResult.Success(Read(document.RootElement));
        }
        catch (JsonException ex)
        {
            return ParseResult.Fail<TenstorrentSnapshot>(
                TelemetryFailureKind.MalformedOutput, $"tt-smi snapshot is not valid JSON: {ex.Message}");
        }
    }

    /// <summary>The first balanced <c>{…}</c> block of <paramref name="text"/> (string-aware), or null when there is none.</summary>
    internal static string? ExtractFirstObject(string text)
    {
        var start = text.IndexOf('{', StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var depth = 0;
        var inString = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '{':
                    depth++;
                    break;
                case '}':
                    depth--;
                    if (depth == 0)
                    {
                        return text[start..(i + 1)];
                    }

                    break;
            }
        }

        return null;
    }

    private static TenstorrentSnapshot Read(JsonElement root)
    {
        var hostInfo = Child(root, "host_info");
        var versions = Child(root, "host_sw_vers");
        var chips = new List<TenstorrentChipReading>();
        if (root.TryGetProperty("device_info", out var devices) && devices.ValueKind == JsonValueKind.Array)
        {
            foreach (var device in devices.EnumerateArray())
            {
                if (device.ValueKind == JsonValueKind.Object)
                {
                    chips.Add(ReadChip(device, chips.Count));
                }
            }
        }

        var processes = new List<TenstorrentProcessReading>();
        if (root.TryGetProperty("processes", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var process in list.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.Object))
            {
                processes.Add(new TenstorrentProcessReading
                {
                    Pid = Integer(process, "pid"),
                    User = Text(process, "user"),
                    Device = Integer(process, "device"),
                    CommandLine = Text(process, "cmdline"),
                });
            }
        }

        return new TenstorrentSnapshot
        {
            TakenAt = DateTime.TryParse(Text(root, "time"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null,
            Hostname = Text(hostInfo, "Hostname"),
            Driver = Text(hostInfo, "Driver"),
            TtSmiVersion = Text(versions, "tt_smi"),
            Chips = chips,
            Boards = GroupBoards(chips, processes),
            Processes = processes,
        };
    }

    private static TenstorrentChipReading ReadChip(JsonElement device, int index)
    {
        var board = Child(device, "board_info");
        var telemetry = Child(device, "telemetry");
        var limits = Child(device, "limits");
        var firmware = Child(device, "firmwares");
        var smbus = ReadSmbus(Child(device, "smbus_telem"));

        var boardId = Text(board, "board_id") ?? HexWithoutPrefix(smbus.GetValueOrDefault("BOARD_ID"));
        var rawType = Text(board, "board_type") ?? TenstorrentBoardTypes.FromBoardId(boardId);
        var (type, isRemote) = SplitChipSuffix(rawType);
        var architecture = TenstorrentBoardTypes.ArchitectureOf(type);

        return new TenstorrentChipReading
        {
            Index = index,
            BoardType = type,
            RawBoardType = rawType,
            IsRemote = isRemote,
            Architecture = architecture,
            BoardId = boardId,
            BusId = Text(board, "bus_id"),
            VoltageV = Number(telemetry, "voltage") ?? Register(smbus, "VCORE") / 1000,
            CurrentA = Number(telemetry, "current") ?? Low16(smbus, "TDC"),
            PowerW = Number(telemetry, "power") ?? Low16(smbus, "TDP"),
            BoardPowerW = Number(telemetry, "board_power"),
            AiclkMhz = Number(telemetry, "aiclk") ?? Low16(smbus, "AICLK"),
            AsicTemperatureC = Number(telemetry, "asic_temperature") ?? AsicTemperature(smbus, architecture),
            FanRpm = Number(telemetry, "fan_speed") ?? FanSpeed(smbus),
            Heartbeat = Number(telemetry, "heartbeat"),
            TdpLimitW = Limit(limits, "tdp_limit"),
            BoardPowerLimitW = Limit(limits, "board_power_limit"),
            ThermalLimitC = Limit(limits, "thm_limit"),
            AiclkMaxMhz = Limit(limits, "asic_fmax"),
            DramTrained = Boolean(board, "dram_status"),
            DramSpeed = Text(board, "dram_speed"),
            FirmwareBundleVersion = Text(firmware, "fw_bundle_version"),
            ManagementFirmwareVersion = Text(firmware, "cm_fw") ?? Text(firmware, "arc_fw"),
        };
    }

    private static TenstorrentBoardReading[] GroupBoards(List<TenstorrentChipReading> chips, List<TenstorrentProcessReading> processes) =>
        chips
            .GroupBy(c => string.IsNullOrEmpty(c.BoardId) ? $"#chip{c.Index}" : c.BoardId, StringComparer.OrdinalIgnoreCase)
            .Select(g =>
            {
                var members = g.ToList();
                var indexes = members.Select(c => c.Index).ToArray();
                var boardPower = members.Select(c => c.BoardPowerW).Where(p => p is not null).Max();
                var corePower = members.Any(c => c.PowerW is not null) ? members.Sum(c => c.PowerW ?? 0) : (double?)null;
                return new TenstorrentBoardReading
                {
                    BoardId = members[0].BoardId,
                    BoardType = members[0].BoardType,
                    Architecture = members[0].Architecture,
                    ChipIndexes = indexes,
                    // Every chip of a board reports the same board input power; core power is per chip.
                    PowerW = boardPower ?? corePower,
                    MaxTemperatureC = members.Select(c => c.AsicTemperatureC).Where(t => t is not null).Max(),
                    ProcessCount = processes.Count(p => p.Device is { } d && indexes.Contains(d)),
                };
            })
            .ToArray();

    private static (string? Type, bool IsRemote) SplitChipSuffix(string? rawType)
    {
        if (rawType is null)
        {
            return (null, false);
        }

        if (rawType.EndsWith(" R", StringComparison.Ordinal))
        {
            return (rawType[..^2].Trim(), true);
        }

        return rawType.EndsWith(" L", StringComparison.Ordinal) ? (rawType[..^2].Trim(), false) : (rawType, false);
    }

    private static Dictionary<string, ulong?> ReadSmbus(JsonElement? smbus)
    {
        var registers = new Dictionary<string, ulong?>(StringComparer.OrdinalIgnoreCase);
        if (smbus is not { ValueKind: JsonValueKind.Object } telem)
        {
            return registers;
        }

        foreach (var property in telem.EnumerateObject())
        {
            // Early tt-smi builds prefixed every register with SMBUS_TX_.
            var name = property.Name.StartsWith("SMBUS_TX_", StringComparison.OrdinalIgnoreCase) ? property.Name[9..] : property.Name;
            registers[name] = property.Value.ValueKind switch
            {
                JsonValueKind.String when ParseHex(property.Value.GetString()) is { } hex => hex,
                JsonValueKind.Number when property.Value.TryGetUInt64(out var number) => number,
                _ => null,
            };
        }

        return registers;
    }

    private static ulong? ParseHex(string? text)
    {
        var hex = text?.Trim();
        if (hex is null || !hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return ulong.TryParse(hex.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static string? HexWithoutPrefix(ulong? value) => value?.ToString("x", CultureInfo.InvariantCulture);

    private static double? Register(Dictionary<string, ulong?> smbus, string name) => smbus.GetValueOrDefault(name);

    private static double? Low16(Dictionary<string, ulong?> smbus, string name) => smbus.GetValueOrDefault(name) & 0xFFFF;

    private static double? AsicTemperature(Dictionary<string, ulong?> smbus, TenstorrentArchitecture architecture)
    {
        if (smbus.GetValueOrDefault("ASIC_TEMPERATURE") is not { } raw)
        {
            return null;
        }

        return architecture switch
        {
            TenstorrentArchitecture.Wormhole => (raw & 0xFFFF) / 16.0,
            TenstorrentArchitecture.Blackhole => unchecked((int)(uint)raw) / 65536.0,
            _ => null,
        };
    }

    // All ones means the board has no fan reading (Galaxy reports 0xffffffff).
    private static double? FanSpeed(Dictionary<string, ulong?> smbus) =>
        smbus.GetValueOrDefault("FAN_SPEED") is { } raw && raw != 0xFFFFFFFF ? raw : null;

    private static JsonElement? Child(JsonElement? parent, string name) =>
        parent is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty(name, out var child) && child.ValueKind == JsonValueKind.Object
            ? child
            : null;

    private static string? Text(JsonElement? parent, string name)
    {
        if (parent is not { ValueKind: JsonValueKind.Object } p || !p.TryGetProperty(name, out var value))
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()?.Trim(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
        return string.IsNullOrEmpty(text) || text.Equals("N/A", StringComparison.OrdinalIgnoreCase) ? null : text;
    }

    private static double? Number(JsonElement? parent, string name) =>
        parent is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : ToolValue.Number(Text(parent, name));

    private static int? Integer(JsonElement? parent, string name) =>
        Number(parent, name) is { } number && number == Math.Floor(number) && number is >= int.MinValue and <= int.MaxValue ? (int)number : null;

    // tt-smi writes 0 for a limit the firmware does not report.
    private static double? Limit(JsonElement? parent, string name) => Number(parent, name) is { } value && value != 0 ? value : null;

    private static bool? Boolean(JsonElement? parent, string name)
    {
        if (parent is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty(name, out var value))
        {
            if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return value.GetBoolean();
            }
        }

        return Text(parent, name)?.ToLowerInvariant() switch
        {
            "true" or "yes" or "y" or "pass" or "trained" => true,
            "false" or "no" or "n" or "fail" or "untrained" => false,
            _ => null,
        };
    }
}
