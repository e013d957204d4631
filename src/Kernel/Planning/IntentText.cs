using System.Text.RegularExpressions;

namespace PveAgent.Kernel.Planning;

/// <summary>
/// Splits an intent into clauses ("snapshot every VM on brian, then migrate vm 105 to pve3") on ";", ",", "then",
/// "and then", and "and" before a known verb. An inference request ("ask …:", "transcribe", "embed", "generate")
/// takes the rest of the text as its input, commas included, and quoted text is never split.
/// </summary>
internal static partial class IntentText
{
    public static IReadOnlyList<string> Split(string intent)
    {
        var clauses = new List<string>();
        var text = Normalize(intent);
        while (text.Length > 0)
        {
            if (InferenceVerb().IsMatch(text))
            {
                clauses.Add(text);
                break;
            }

            var separator = FindSeparator(text);
            if (separator is null)
            {
                clauses.Add(text);
                break;
            }

            var (at, length) = separator.Value;
            var clause = Clean(text[..at]);
            if (clause.Length > 0)
            {
                clauses.Add(clause);
            }

            text = Clean(text[(at + length)..]);
        }

        return clauses;
    }

    /// <summary>Removes politeness and trailing punctuation: "please start jellyfin!" → "start jellyfin".</summary>
    public static string Clean(string clause)
    {
        var text = clause.Trim().TrimEnd('.', '!', '?').Trim();
        text = Politeness().Replace(text, "");
        text = TrailingPlease().Replace(text, "");
        return text.Trim();
    }

    /// <summary>Strips matching quotes around a text: <c>'some text'</c> → <c>some text</c>.</summary>
    public static string Unquote(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length >= 2 && (trimmed[0], trimmed[^1]) is ('"', '"') or ('\'', '\'') or ('“', '”') or ('‘', '’')
            ? trimmed[1..^1].Trim()
            : trimmed;
    }

    private static string Normalize(string intent) => Clean(Whitespace().Replace(intent ?? "", " "));

    private static (int At, int Length)? FindSeparator(string text)
    {
        var quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
                continue;
            }

            if (c is '"' or '\'' && (i == 0 || text[i - 1] == ' '))
            {
                quote = c;
                continue;
            }

            if (c is ';' or ',')
            {
                var match = Then().Match(text, i + 1);
                return match.Success && match.Index == i + 1 ? (i, 1 + match.Length) : (i, 1);
            }

            if (c == ' ')
            {
                var match = Then().Match(text, i);
                if (match.Success && match.Index == i)
                {
                    return (i, match.Length);
                }

                var and = AndVerb().Match(text, i);
                if (and.Success && and.Index == i)
                {
                    return (i, and.Groups["sep"].Length);
                }
            }
        }

        return null;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\G\s*(?:and\s+)?then\b\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Then();

    [GeneratedRegex(@"\G(?<sep>\s+and\s+)(?=(?:start|stop|shut|reboot|restart|snapshot|migrate|move|wake|drain|free|transcribe|ask|embed|generate|boot)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AndVerb();

    [GeneratedRegex(@"^(?:ask|transcribe|embed|generate|create an? (?:image|picture)|draw|prompt|chat with)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InferenceVerb();

    [GeneratedRegex(@"^(?:(?:please|kindly|hey|ok|okay)[\s,]+|(?:can|could|would|will) you (?:please )?|i(?: would|'d) like (?:you )?to |i want (?:you )?to |let's |lets )+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Politeness();

    [GeneratedRegex(@"[\s,]+please$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TrailingPlease();
}
