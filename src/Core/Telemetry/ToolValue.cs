using System.Globalization;

namespace PveAgent.Core.Telemetry;

/// <summary>Reads tool output values (nvidia-smi, tt-smi), which may carry units (<c>26.16 W</c>), padding (<c>" 17.0"</c>) or say they are unavailable (<c>[N/A]</c>).</summary>
internal static class ToolValue
{
    private static readonly string[] Unavailable =
        ["N/A", "Not Supported", "Unknown Error", "Insufficient Permissions", "Not Available", "None"];

    /// <summary>The trimmed text, or null for empty and "unavailable" markers (bracketed or not).</summary>
    public static string? Text(string? raw)
    {
        var value = raw?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        // Every bracketed value nvidia-smi prints is a status ("[N/A]", "[Requested functionality has been deprecated]").
        if (value.StartsWith('[') && value.EndsWith(']'))
        {
            return null;
        }

        return Unavailable.Any(u => string.Equals(u, value, StringComparison.OrdinalIgnoreCase)) ? null : value;
    }

    /// <summary>The leading number of the value (units ignored), or null when unavailable or not numeric.</summary>
    public static double? Number(string? raw)
    {
        var value = Text(raw);
        if (value is null)
        {
            return null;
        }

        var end = 0;
        while (end < value.Length && (char.IsAsciiDigit(value[end]) || value[end] is '.' or '-' or '+' or 'e' or 'E'))
        {
            end++;
        }

        return double.TryParse(value.AsSpan(0, end), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
    }

    /// <summary>The value as an integer, or null.</summary>
    public static int? Integer(string? raw) =>
        Number(raw) is { } number && number == Math.Floor(number) && number is >= int.MinValue and <= int.MaxValue
            ? (int)number
            : null;

    /// <summary><c>Enabled</c> → true, <c>Disabled</c> → false, anything else → null.</summary>
    public static bool? Enabled(string? raw) => Text(raw) switch
    {
        { } v when v.Equals("Enabled", StringComparison.OrdinalIgnoreCase) => true,
        { } v when v.Equals("Disabled", StringComparison.OrdinalIgnoreCase) => false,
        _ => null,
    };
}
