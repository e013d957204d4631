using System.Globalization;

namespace PveAgent.Guardrails;

/// <summary>
/// A weekly time span in which disruptive and destructive actions may run (<c>{days: [sat, sun], from: "02:00", to:
/// "05:00", timezone: "Europe/Berlin"}</c>). A window whose <see cref="To"/> is not after <see cref="From"/> runs past
/// midnight into the next day; <see cref="Days"/> are the days it opens on.
/// </summary>
public sealed record MaintenanceWindow
{
    private static readonly DayOfWeek[] EveryDay = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    /// <summary>Days the window opens on; every day by default.</summary>
    public IReadOnlyList<DayOfWeek> Days { get; init; } = EveryDay;

    /// <summary>Opening time of day (local to <see cref="TimeZone"/>).</summary>
    public required TimeSpan From { get; init; }

    /// <summary>Closing time of day, up to 24:00; at or before <see cref="From"/> means the next day.</summary>
    public required TimeSpan To { get; init; }

    /// <summary>Time zone of <see cref="From"/> and <see cref="To"/>; the machine's own by default.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Local;

    /// <summary>Length of one opening.</summary>
    public TimeSpan Length => To > From ? To - From : To + TimeSpan.FromDays(1) - From;

    /// <summary>True when <paramref name="instant"/> falls inside an opening of the window.</summary>
    public bool Contains(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime;
        // An opening that started yesterday may still be running past midnight.
        foreach (var day in new[] { local.Date.AddDays(-1), local.Date })
        {
            if (Days.Contains(day.DayOfWeek))
            {
                var opens = day + From;
                if (local >= opens && local < opens + Length)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The start of the next opening after <paramref name="instant"/>.</summary>
    public DateTimeOffset NextOpening(DateTimeOffset instant)
    {
        var localDate = TimeZoneInfo.ConvertTime(instant, TimeZone).Date;
        for (var d = 0; d <= 8; d++)
        {
            var day = localDate.AddDays(d);
            if (!Days.Contains(day.DayOfWeek))
            {
                continue;
            }

            var opens = ToInstant(day + From);
            if (opens > instant)
            {
                return opens;
            }
        }

        // Unreachable with at least one day, which the binder guarantees; an empty list never opens.
        return DateTimeOffset.MaxValue;
    }

    /// <summary>"Sat, Sun 02:00–05:00 (Europe/Berlin)".</summary>
    public override string ToString()
    {
        var days = Days.Count == 7 ? "every day" : string.Join(", ", Days.Select(d => CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedDayName(d)));
        return $"{days} {Clock(From)}–{Clock(To)} ({TimeZone.Id})";
    }

    internal static string Clock(TimeSpan time) => $"{(int)time.TotalHours:00}:{time.Minutes:00}";

    private DateTimeOffset ToInstant(DateTime local)
    {
        // A wall-clock time skipped by a daylight-saving jump does not exist; the window then opens when the clock resumes.
        while (TimeZone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local));
    }
}
