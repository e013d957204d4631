using System.Globalization;
using System.Text.Json;
using PveAgent.Core.Plans;

namespace PveAgent.Guardrails.Rules;

/// <summary>How reasons spell values.</summary>
internal static class Words
{
    public static string Effect(ToolEffect effect) => effect.ToString().ToLowerInvariant();

    public static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true/false",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    public static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + " %";

    public static string Gib(double gib) => gib.ToString("0.#", CultureInfo.InvariantCulture);

    public static string List(IEnumerable<int> items) => string.Join(", ", items);

    public static string Duration(TimeSpan span) => span.TotalHours >= 24
        ? $"{(int)span.TotalDays} d {span.Hours} h"
        : span.TotalMinutes >= 60 ? $"{(int)span.TotalHours} h {span.Minutes} min" : $"{Math.Max(1, (int)Math.Ceiling(span.TotalMinutes))} min";
}
