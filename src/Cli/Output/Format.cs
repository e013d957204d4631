using System.Globalization;

namespace PveAgent.Cli.Output;

/// <summary>Numbers as people read them in the terminal.</summary>
internal static class Format
{
    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 40 => (bytes / (double)(1L << 40)).ToString("0.0", CultureInfo.InvariantCulture) + " TiB",
        >= 1L << 30 => (bytes / (double)(1L << 30)).ToString("0.0", CultureInfo.InvariantCulture) + " GiB",
        >= 1L << 20 => (bytes / (double)(1L << 20)).ToString("0", CultureInfo.InvariantCulture) + " MiB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };

    public static string Mib(double? mib) => mib is { } m ? Bytes((long)(m * 1024 * 1024)) : "–";

    public static string Percent(double? fraction) => fraction is { } f ? (f * 100).ToString("0", CultureInfo.InvariantCulture) + " %" : "–";

    public static string Number(double? value, string unit, string format = "0") =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) + unit : "–";

    public static string Uptime(long seconds)
    {
        if (seconds <= 0)
        {
            return "–";
        }

        var span = TimeSpan.FromSeconds(seconds);
        return span.TotalDays >= 1 ? $"{(int)span.TotalDays}d {span.Hours}h"
            : span.TotalHours >= 1 ? $"{span.Hours}h {span.Minutes}m"
            : $"{span.Minutes}m {span.Seconds}s";
    }

    public static string Duration(TimeSpan span) =>
        span.TotalSeconds >= 60 ? $"{(int)span.TotalMinutes}m {span.Seconds}s"
        : span.TotalSeconds >= 1 ? span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s"
        : span.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";
}
