using System.Text.RegularExpressions;

namespace PveAgent.Core.Telemetry;

/// <summary>
/// Parses <c>nvidia-smi --query-gpu=… --format=csv…</c> and <c>--query-compute-apps=…</c> output: with or without a
/// header line, with or without units, with any of nvidia-smi's "unavailable" markers, and with field aliases.
/// </summary>
public static partial class NvidiaSmiCsvParser
{
    /// <summary>The GPU fields PveAgent requests, in order.</summary>
    public const string GpuQueryFields =
        "index,uuid,name,memory.total,memory.used,utilization.gpu,temperature.gpu,power.draw,power.limit";

    /// <summary>The process fields PveAgent requests, in order.</summary>
    public const string ComputeAppsQueryFields = "pid,process_name,used_memory,gpu_uuid";

    /// <summary>The output format PveAgent requests: one line per row, no header, no units.</summary>
    public const string CsvFormat = "csv,noheader,nounits";

    /// <summary>nvidia-smi arguments for the GPU query.</summary>
    public static IReadOnlyList<string> GpuQueryArguments { get; } = [$"--query-gpu={GpuQueryFields}", $"--format={CsvFormat}"];

    /// <summary>nvidia-smi arguments for the process query.</summary>
    public static IReadOnlyList<string> ComputeAppsQueryArguments { get; } =
        [$"--query-compute-apps={ComputeAppsQueryFields}", $"--format={CsvFormat}"];

    private static readonly Dictionary<string, string> GpuAliases = new(StringComparer.Ordinal)
    {
        ["gpu_uuid"] = "uuid",
        ["gpu_name"] = "name",
        ["gpu_bus_id"] = "pci.bus_id",
    };

    private static readonly Dictionary<string, string> ProcessAliases = new(StringComparer.Ordinal)
    {
        ["name"] = "process_name",
        ["used_gpu_memory"] = "used_memory",
    };

    private static readonly HashSet<string> KnownGpuFields =
    [
        "index", "uuid", "name", "pci.bus_id", "memory.total", "memory.used", "memory.free", "utilization.gpu",
        "temperature.gpu", "power.draw", "power.limit", "timestamp", "driver_version", "fan.speed", "pstate",
    ];

    private static readonly HashSet<string> KnownProcessFields =
        ["pid", "process_name", "used_memory", "gpu_uuid", "gpu_name", "gpu_bus_id", "gpu_serial", "timestamp"];

    /// <summary>
    /// Parses GPU rows. <paramref name="fields"/> names the columns when the output has no header line; a header line,
    /// when present, wins. Fails with a typed failure on nvidia-smi's error messages and on rows of the wrong width.
    /// </summary>
    public static ParseResult<IReadOnlyList<GpuReading>> ParseGpus(string output, string fields = GpuQueryFields)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(fields);
        var table = ReadTable(output, fields, GpuAliases, KnownGpuFields, freeTextColumn: null);
        if (!table.Succeeded)
        {
            return ParseResult.Fail<IReadOnlyList<GpuReading>>(table.Failure);
        }

        var gpus = table.Value.Select(row => new GpuReading
        {
            Index = ToolValue.Integer(row.GetValueOrDefault("index")),
            Uuid = ToolValue.Text(row.GetValueOrDefault("uuid")),
            Name = ToolValue.Text(row.GetValueOrDefault("name")),
            PciBusId = ToolValue.Text(row.GetValueOrDefault("pci.bus_id")),
            MemoryTotalMib = ToolValue.Number(row.GetValueOrDefault("memory.total")),
            MemoryUsedMib = ToolValue.Number(row.GetValueOrDefault("memory.used")),
            UtilizationPercent = ToolValue.Number(row.GetValueOrDefault("utilization.gpu")),
            TemperatureC = ToolValue.Number(row.GetValueOrDefault("temperature.gpu")),
            PowerDrawWatts = ToolValue.Number(row.GetValueOrDefault("power.draw"))
                ?? ToolValue.Number(row.GetValueOrDefault("power.draw.average"))
                ?? ToolValue.Number(row.GetValueOrDefault("power.draw.instant")),
            PowerLimitWatts = ToolValue.Number(row.GetValueOrDefault("power.limit"))
                ?? ToolValue.Number(row.GetValueOrDefault("enforced.power.limit")),
            MigEnabled = ToolValue.Enabled(row.GetValueOrDefault("mig.mode.current")),
        }).ToArray();

        return ParseResult.Success<IReadOnlyList<GpuReading>>(gpus);
    }

    /// <summary>Parses <c>--query-compute-apps</c> rows; no processes (empty output or a lone header) is an empty list.</summary>
    public static ParseResult<IReadOnlyList<GpuProcessReading>> ParseComputeApps(string output, string fields = ComputeAppsQueryFields)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(fields);
        var table = ReadTable(output, fields, ProcessAliases, KnownProcessFields, freeTextColumn: "process_name");
        if (!table.Succeeded)
        {
            return ParseResult.Fail<IReadOnlyList<GpuProcessReading>>(table.Failure);
        }

        var processes = table.Value.Select(row => new GpuProcessReading
        {
            Pid = ToolValue.Integer(row.GetValueOrDefault("pid")),
            Name = ToolValue.Text(row.GetValueOrDefault("process_name")),
            UsedMemoryMib = ToolValue.Number(row.GetValueOrDefault("used_memory")),
            GpuUuid = ToolValue.Text(row.GetValueOrDefault("gpu_uuid")),
        }).ToArray();

        return ParseResult.Success<IReadOnlyList<GpuProcessReading>>(processes);
    }

    private static ParseResult<IReadOnlyList<Dictionary<string, string>>> ReadTable(
        string output,
        string requestedFields,
        Dictionary<string, string> aliases,
        HashSet<string> knownFields,
        string? freeTextColumn)
    {
        if (NvidiaSmiDiagnostics.Recognise(output) is { } failure)
        {
            return ParseResult.Fail<IReadOnlyList<Dictionary<string, string>>>(failure);
        }

        var lines = output.Split('\n')
            .Select((text, i) => (Number: i + 1, Text: text.Trim()))
            .Where(l => l.Text.Length > 0)
            .ToList();
        if (lines.Count == 0)
        {
            return ParseResult.Success<IReadOnlyList<Dictionary<string, string>>>([]);
        }

        var headerCells = SplitRow(lines[0].Text);
        string[] columns;
        if (IsHeader(headerCells, aliases, knownFields))
        {
            columns = headerCells.Select(c => Canonical(c, aliases)).ToArray();
            lines.RemoveAt(0);
        }
        else
        {
            columns = requestedFields.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(c => Canonical(c, aliases))
                .ToArray();
        }

        var rows = new List<Dictionary<string, string>>();
        foreach (var (number, text) in lines)
        {
            var cells = SplitRow(text);
            var freeText = freeTextColumn is null ? -1 : Array.IndexOf(columns, freeTextColumn);
            if (cells.Count > columns.Length && freeText >= 0)
            {
                // Only a process name (a path) can contain the separator; give it the extra cells. GPU names never do, so a
                // wider GPU row stays an error instead of shifting values into the name.
                var extra = cells.Count - columns.Length;
                var merged = string.Join(",", cells.Skip(freeText).Take(extra + 1));
                cells = [.. cells.Take(freeText), merged, .. cells.Skip(freeText + extra + 1)];
            }

            if (cells.Count != columns.Length)
            {
                return ParseResult.Fail<IReadOnlyList<Dictionary<string, string>>>(
                    TelemetryFailureKind.MalformedOutput,
                    $"nvidia-smi output line {number} has {cells.Count} values but {columns.Length} fields were expected " +
                    $"({string.Join(",", columns)}): \"{Shorten(text)}\"");
            }

            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < columns.Length; i++)
            {
                row.TryAdd(columns[i], cells[i]);
            }

            rows.Add(row);
        }

        return ParseResult.Success<IReadOnlyList<Dictionary<string, string>>>(rows);
    }

    private static List<string> SplitRow(string line) => [.. line.Split(',').Select(c => c.Trim())];

    private static bool IsHeader(List<string> cells, Dictionary<string, string> aliases, HashSet<string> knownFields) =>
        cells.All(c => FieldName().IsMatch(StripUnit(c)))
        && cells.Any(c => knownFields.Contains(Canonical(c, aliases)) || knownFields.Contains(StripUnit(c).ToLowerInvariant()));

    private static string Canonical(string field, Dictionary<string, string> aliases)
    {
        var name = StripUnit(field).ToLowerInvariant();
        return aliases.TryGetValue(name, out var canonical) ? canonical : name;
    }

    private static string StripUnit(string field) => Unit().Replace(field.Trim(), string.Empty);

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..117] + "...";

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.]*$")]
    private static partial Regex FieldName();

    [GeneratedRegex(@"\s*\[[^\]]*\]$")]
    private static partial Regex Unit();
}
