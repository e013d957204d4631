namespace PveAgent.Guardrails;

/// <summary>"did you mean …?" for a misspelt word from a short list (mode names, day names, node names).</summary>
internal static class Suggestions
{
    /// <summary>The hint for <paramref name="typed"/>: the close candidate, or the whole list.</summary>
    public static string Hint(string typed, IReadOnlyList<string> candidates, string listIntro = "expected one of")
    {
        var best = candidates.MinBy(c => Distance(typed.ToLowerInvariant(), c.ToLowerInvariant()));
        return best is not null && Distance(typed.ToLowerInvariant(), best.ToLowerInvariant()) <= Math.Clamp(best.Length / 3, 1, 3)
            ? $"did you mean '{best}'?"
            : $"{listIntro}: {string.Join(", ", candidates)}";
    }

    // Levenshtein distance with two rolling rows.
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
