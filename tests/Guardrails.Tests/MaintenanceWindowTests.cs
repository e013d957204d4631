namespace PveAgent.Guardrails.Tests;

public sealed class MaintenanceWindowTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Theory]
    [InlineData("2026-01-02T21:59:00Z", false)] // Friday 22:59 Berlin
    [InlineData("2026-01-02T22:00:00Z", true)] // Friday 23:00 Berlin: opens
    [InlineData("2026-01-03T00:59:00Z", true)] // Saturday 01:59 Berlin: still the Friday opening, past midnight
    [InlineData("2026-01-03T01:00:00Z", false)] // Saturday 02:00 Berlin: closed
    [InlineData("2026-01-03T22:30:00Z", false)] // Saturday 23:30 Berlin: Saturday is not a listed day
    public void Contains_WindowPastMidnight_BelongsToTheDayItOpens(string instant, bool inside)
    {
        var friday = new MaintenanceWindow { Days = [DayOfWeek.Friday], From = TimeSpan.FromHours(23), To = TimeSpan.FromHours(2), TimeZone = Berlin };

        Assert.Equal(inside, friday.Contains(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void NextOpening_IsTheNextListedDayAtItsLocalTime()
    {
        var weekend = new MaintenanceWindow { Days = [DayOfWeek.Saturday, DayOfWeek.Sunday], From = TimeSpan.FromHours(2), To = TimeSpan.FromHours(5), TimeZone = Berlin };

        var afterSaturdayOpening = weekend.NextOpening(new DateTimeOffset(2026, 1, 3, 1, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 1, 4, 2, 0, 0, TimeSpan.FromHours(1)), afterSaturdayOpening);
    }

    [Fact]
    public void NextOpening_OnTheDaylightSavingJump_OpensWhenTheClockResumes()
    {
        // 2026-03-29 02:00–03:00 does not exist in Berlin: the clock jumps from 02:00 to 03:00.
        var nightly = new MaintenanceWindow { From = new TimeSpan(2, 30, 0), To = TimeSpan.FromHours(4), TimeZone = Berlin };

        var opens = nightly.NextOpening(new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 3, 0, 0, TimeSpan.FromHours(2)), opens);
    }

    [Fact]
    public void ToString_NamesDaysTimesAndZone()
    {
        var window = new MaintenanceWindow { Days = [DayOfWeek.Saturday, DayOfWeek.Sunday], From = TimeSpan.FromHours(2), To = TimeSpan.FromHours(24), TimeZone = Berlin };

        Assert.Equal("Sat, Sun 02:00–24:00 (Europe/Berlin)", window.ToString());
    }
}
