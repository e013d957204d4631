using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PveAgent.Kernel.Agent;

/// <summary>
/// Text from the cluster (guest names, notes, task logs, tool results) on its way to the model: delimited as data,
/// escaped so it cannot close its delimiter or open a tag of its own, and cut to a budget.
/// </summary>
internal static class UntrustedText
{
    /// <summary>One line of plain text: control characters become spaces, <c>&amp; &lt; &gt;</c> are escaped, at most <paramref name="maxLength"/> characters.</summary>
    public static string Escape(string? text, int maxLength = 80)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (result.Length >= maxLength)
            {
                result.Append('…');
                break;
            }

            result.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ when char.IsControl(c) => " ",
                _ => c.ToString(),
            });
        }

        return result.ToString();
    }

    /// <summary>Multi-line text with <c>&amp; &lt; &gt;</c> escaped and other control characters than line breaks removed, so it cannot open or close a tag.</summary>
    public static string EscapeMarkup(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            result.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '\n' => "\n",
                _ when char.IsControl(c) => " ",
                _ => c.ToString(),
            });
        }

        return result.ToString();
    }

    /// <summary>
    /// A tool's JSON with <c>&lt;</c> and <c>&gt;</c> written as <c>\u003c</c> / <c>\u003e</c> (the same JSON, but no tag can
    /// appear in it), cut to <paramref name="budgetChars"/> with a note saying how much was left out.
    /// </summary>
    public static string Json(JsonElement json, int budgetChars)
    {
        // Outside strings JSON has no angle brackets, so escaping them everywhere keeps the document valid and equal.
        var text = json.GetRawText().Replace("<", "\\u003c", StringComparison.Ordinal).Replace(">", "\\u003e", StringComparison.Ordinal);
        if (text.Length <= budgetChars)
        {
            return text;
        }

        var cut = budgetChars;

        // Never end inside an escape sequence (\u003c, \n …): back off to before the backslash.
        var backslash = text.LastIndexOf('\\', cut - 1, Math.Min(6, cut));
        if (backslash >= 0)
        {
            cut = backslash;
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"{text[..cut]} …[truncated: {cut:N0} of {text.Length:N0} characters shown; ask for less, e.g. one node or one guest]");
    }

    /// <summary>A tool result delimited as untrusted data: <c>&lt;tool_result name="…" untrusted="true"&gt;…&lt;/tool_result&gt;</c>.</summary>
    public static string ToolResult(string tool, string escapedContent) =>
        $"<tool_result name=\"{Escape(tool, 64)}\" untrusted=\"true\">\n{escapedContent}\n</tool_result>";
}
