using System.Globalization;
using System.Text.Json;

namespace PveAgent.Simulator.Inference;

/// <summary>
/// Ollama's <c>keep_alive</c>: a Go duration string (<c>"5m"</c>, <c>"1h30m"</c>), a number of seconds, or a negative
/// value meaning "keep loaded forever"; <c>0</c> unloads right after the request.
/// </summary>
internal readonly record struct KeepAlive(TimeSpan? Duration)
{
    public static readonly KeepAlive Forever = new(null);

    public bool IsForever => Duration is null;

    /// <summary>When the model expires after its last use at <paramref name="lastUsed"/> (Ollama shows ~292 years for "forever").</summary>
    public DateTimeOffset ExpiresAt(DateTimeOffset lastUsed) =>
        lastUsed + (Duration ?? TimeSpan.FromTicks(long.MaxValue / 100));

    /// <summary>Reads <c>keep_alive</c> from a request; null when absent; false when present but not a duration.</summary>
    public static bool TryRead(JsonElement request, out KeepAlive? keepAlive)
    {
        keepAlive = null;
        if (!request.TryGetProperty("keep_alive", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds))
        {
            keepAlive = seconds < 0 ? Forever : new KeepAlive(TimeSpan.FromSeconds(seconds));
            return true;
        }

        if (value.ValueKind == JsonValueKind.String && TryParseGoDuration(value.GetString() ?? "", out var duration))
        {
            keepAlive = duration < TimeSpan.Zero ? Forever : new KeepAlive(duration);
            return true;
        }

        return false;
    }

    /// <summary>Parses Go's duration syntax: optional sign, then number+unit pairs (ns, us, µs, ms, s, m, h); a bare number is seconds.</summary>
    public static bool TryParseGoDuration(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var s = text.Trim();
        if (s.Length == 0)
        {
            return false;
        }

        // Ollama accepts a bare number in a string as seconds ("300", "-1").
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var bare))
        {
            duration = TimeSpan.FromSeconds(bare);
            return true;
        }

        var negative = s[0] == '-';
        if (s[0] is '-' or '+')
        {
            s = s[1..];
        }

        if (s == "0")
        {
            return true;
        }

        var total = 0.0;
        var i = 0;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }

            if (start == i || !double.TryParse(s[start..i], NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            var unitStart = i;
            while (i < s.Length && !char.IsAsciiDigit(s[i]) && s[i] != '.')
            {
                i++;
            }

            double? factor = s[unitStart..i] switch
            {
                "ns" => 1e-9,
                "us" or "µs" or "μs" => 1e-6,
                "ms" => 1e-3,
                "s" => 1,
                "m" => 60,
                "h" => 3600,
                _ => null,
            };
            if (factor is null)
            {
                return false;
            }

            total += number * factor.Value;
        }

        duration = TimeSpan.FromSeconds(negative ? -total : total);
        return true;
    }
}
