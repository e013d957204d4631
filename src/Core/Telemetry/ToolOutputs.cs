namespace PveAgent.Core.Telemetry;

/// <summary>Turns a finished nvidia-smi / tt-smi run (wherever it ran) into readings or a typed failure.</summary>
internal static class ToolOutputs
{
    public const string NvidiaSmi = "nvidia-smi";
    public const string TtSmi = "tt-smi";

    /// <summary>GPU readings from a run that exited with <paramref name="exitCode"/>.</summary>
    public static ParseResult<IReadOnlyList<GpuReading>> Nvidia(int exitCode, string stdout, string combined, string where)
    {
        if (exitCode == 0)
        {
            return NvidiaSmiCsvParser.ParseGpus(stdout);
        }

        return ParseResult.Fail<IReadOnlyList<GpuReading>>(
            NvidiaSmiDiagnostics.Recognise(combined)
            ?? new TelemetryFailure(TelemetryFailureKind.ToolFailed, $"{NvidiaSmi} on {where} exited with code {exitCode}: {Excerpt(combined)}"));
    }

    /// <summary>A Tenstorrent snapshot from a run that exited with <paramref name="exitCode"/>.</summary>
    public static ParseResult<TenstorrentSnapshot> TtSmiSnapshot(int exitCode, string stdout, string combined, string where)
    {
        if (exitCode == 0)
        {
            return TtSmiSnapshotParser.Parse(stdout);
        }

        var parsed = TtSmiSnapshotParser.Parse(combined);
        return parsed.Failure?.Kind == TelemetryFailureKind.DriverUnavailable
            ? parsed
            : ParseResult.Fail<TenstorrentSnapshot>(
                TelemetryFailureKind.ToolFailed, $"{TtSmi} on {where} exited with code {exitCode}: {Excerpt(combined)}");
    }

    /// <summary>The last non-empty lines of tool output, short enough for a message.</summary>
    public static string Excerpt(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0)
        {
            return "(no output)";
        }

        var tail = string.Join(" ", lines.TakeLast(3));
        return tail.Length <= 300 ? tail : "…" + tail[^299..];
    }
}
