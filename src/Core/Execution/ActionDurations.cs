using System.Globalization;

namespace PveAgent.Core.Execution;

/// <summary>Durations as people read them in one-line reports: "850 ms", "41 s", "2 min 5 s", "1 h 3 min".</summary>
internal static class ActionDurations
{
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            duration = TimeSpan.Zero;
        }

        if (duration < TimeSpan.FromSeconds(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMilliseconds} ms");
        }

        if (duration < TimeSpan.FromMinutes(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(int)Math.Round(duration.TotalSeconds)} s");
        }

        if (duration < TimeSpan.FromHours(1))
        {
            var seconds = (int)Math.Round(duration.TotalSeconds);
            return string.Create(CultureInfo.InvariantCulture, $"{seconds / 60} min {seconds % 60} s");
        }

        var minutes = (int)Math.Round(duration.TotalMinutes);
        return string.Create(CultureInfo.InvariantCulture, $"{minutes / 60} h {minutes % 60} min");
    }
}
