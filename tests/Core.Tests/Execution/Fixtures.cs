using System.Text.Json;
using System.Text.RegularExpressions;
using PveAgent.TestSupport;

namespace PveAgent.Core.Tests.Execution;

/// <summary>The real wire samples of ../shared/fixtures, and mechanical transformations of them (never edited content).</summary>
internal static partial class Fixtures
{
    public static string Read(params string[] parts) => SharedFiles.ReadShared(["fixtures", .. parts]);

    /// <summary>A pretty-printed JSON sample on one line, as it travels in an NDJSON or SSE stream.</summary>
    public static string OneLine(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement);
    }

    /// <summary>The JSON objects of a "JS with comments" documentation sample: <c>//</c> comments removed, one object per top-level block.</summary>
    public static IReadOnlyList<string> ObjectsWithoutComments(string text)
    {
        var stripped = Comment().Replace(text, "");
        var objects = new List<string>();
        var depth = 0;
        var start = -1;
        for (var i = 0; i < stripped.Length; i++)
        {
            if (stripped[i] == '{' && depth++ == 0)
            {
                start = i;
            }
            else if (stripped[i] == '}' && --depth == 0)
            {
                objects.Add(OneLine(stripped[start..(i + 1)]));
            }
        }

        return objects;
    }

    /// <summary>The first line of a notes file that is a JSON object starting with <paramref name="prefix"/>.</summary>
    public static string LineStartingWith(string text, string prefix) =>
        text.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith(prefix, StringComparison.Ordinal));

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex Comment();
}
