namespace PveAgent.Core.Registry.Validation;

/// <summary>
/// Suggests the closest known word for a misspelt one (optimal-string-alignment edit distance): the one mechanism behind
/// every "did you mean" of the registry, the guardrails, the tools and the LLM tool-call repair.
/// </summary>
public static class DidYouMean
{
    /// <summary>The closest candidate within a distance that still looks like a typo, or null.</summary>
    public static string? Suggest(string input, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(input.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        // Short words tolerate one slip, longer ones up to a third of their letters (at most 3): beyond that it is another word.
        return best is not null && bestDistance <= Math.Clamp(best.Length / 3, 1, 3) ? best : null;
    }

    /// <summary>"did you mean 'x'?" when one is close, otherwise the list of what is allowed.</summary>
    public static string Hint(string input, IReadOnlyCollection<string> candidates, string listIntro = "expected one of") =>
        Suggest(input, candidates) is { } suggestion
            ? $"did you mean '{suggestion}'?"
            : $"{listIntro}: {string.Join(", ", candidates)}";

    /// <summary>Edit distance counting an adjacent transposition as one edit.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
