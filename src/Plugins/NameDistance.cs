namespace PveAgent.Plugins;

/// <summary>Edit distance for did-you-mean suggestions (case-insensitive; the best of several candidate spellings).</summary>
internal static class NameDistance
{
    public static int Between(string text, params string[] candidates) =>
        candidates.Length == 0 ? int.MaxValue : candidates.Min(c => Levenshtein(text.ToLowerInvariant(), c.ToLowerInvariant()));

    private static int Levenshtein(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return Math.Max(a.Length, b.Length);
        }

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
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
