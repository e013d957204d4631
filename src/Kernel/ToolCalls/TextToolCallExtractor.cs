using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PveAgent.Kernel.ToolCalls;

/// <summary>
/// Finds tool calls that a model wrote into its message text instead of the native tool-call field (NOTES §3.1):
/// <c>&lt;tool_call&gt;</c> tags (closing tag optional), <c>&lt;function=name&gt;&lt;parameter=x&gt;</c> XML, code fences,
/// pythonic <c>[f(a='x')]</c> lists and bare JSON anywhere in the text — objects with <c>arguments</c> or <c>parameters</c>,
/// OpenAI-style <c>{"type":"function","function":{…}}</c> wrappers, arrays of calls, several objects run together and a
/// call truncated before its last closing braces.
/// </summary>
internal static partial class TextToolCallExtractor
{
    private static readonly string[] ArgumentKeys = ["arguments", "parameters", "args", "input"];

    private static readonly JsonDocumentOptions LenientDocument = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>What was found in a text.</summary>
    /// <param name="Candidates">Call-shaped findings in text order.</param>
    /// <param name="LooksLikeToolCall">True when any call syntax was present, even if nothing could be read from it.</param>
    /// <param name="RemainingText">The text with every consumed tool-call span removed.</param>
    public sealed record Extraction(IReadOnlyList<ToolCallCandidate> Candidates, bool LooksLikeToolCall, string RemainingText);

    /// <summary>Extracts call candidates from <paramref name="text"/>; <paramref name="isKnownTool"/> lets a bare <c>{"name": …}</c> count as a call.</summary>
    public static Extraction Extract(string text, Func<string, bool> isKnownTool)
    {
        var found = new List<(int Start, ToolCallCandidate Candidate)>();
        var spans = new List<(int Start, int End)>();
        var marker = false;

        foreach (Match match in ToolCallTag().Matches(text))
        {
            marker = true;
            spans.Add((match.Index, match.Index + match.Length));
            List<string> repairs = ["read from a <tool_call> tag in the message text"];
            if (!match.Groups["close"].Value.StartsWith("</", StringComparison.Ordinal))
            {
                repairs.Add("closing </tool_call> tag was missing");
            }

            // Inside <tool_call> every {"name": …} is meant as a call, known tool or not.
            var inner = ParseSegment(match.Groups["body"].Value.Trim(), repairs, _ => true);
            found.AddRange(inner.Count > 0
                ? inner.Select(c => (match.Index, c))
                : [(match.Index, new ToolCallCandidate(null, null, "the <tool_call> block does not hold a JSON object with a \"name\" and \"arguments\"", repairs))]);
        }

        foreach (Match match in FunctionTag().Matches(text))
        {
            if (Inside(spans, match.Index))
            {
                continue;
            }

            marker = true;
            spans.Add((match.Index, match.Index + match.Length));
            found.Add((match.Index, ParseFunctionTag(match, ["read from <function=…> XML in the message text"])));
        }

        foreach (Match match in CodeFence().Matches(text))
        {
            if (Inside(spans, match.Index))
            {
                continue;
            }

            var inner = ParseSegment(match.Groups["body"].Value.Trim(), ["read from a ``` code block in the message text"], isKnownTool);
            if (inner.Count > 0)
            {
                spans.Add((match.Index, match.Index + match.Length));
                found.AddRange(inner.Select(c => (match.Index, c)));
            }
        }

        var trimmed = text.Trim();
        if (found.Count == 0 && PythonicStart().IsMatch(trimmed))
        {
            var pythonic = ParsePythonic(trimmed, ["read from a pythonic [tool(arg=…)] list in the message text"], isKnownTool);
            if (pythonic.Count > 0)
            {
                spans.Add((0, text.Length));
                found.AddRange(pythonic.Select(c => (0, c)));
            }
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is not ('{' or '[') || Inside(spans, i))
            {
                continue;
            }

            if (!TryParseJsonAt(text, i, out var element, out var end, out var closersAdded))
            {
                continue;
            }

            List<string> repairs = ["read from JSON in the message text"];
            if (closersAdded > 0)
            {
                repairs.Add($"{closersAdded} missing closing bracket{(closersAdded == 1 ? "" : "s")} added at the end");
            }

            var calls = Classify(element, repairs, isKnownTool);
            if (calls.Count > 0)
            {
                spans.Add((i, end));
                found.AddRange(calls.Select(c => (i, c)));
            }

            // A JSON value that is not a call is skipped whole: objects nested in it are data, not calls.
            i = end - 1;
        }

        return new Extraction(
            [.. found.OrderBy(f => f.Start).Select(f => f.Candidate)],
            marker || found.Count > 0,
            Remove(text, spans));
    }

    /// <summary>Reads the inside of a tag or fence: XML function syntax, a pythonic list, or one or more JSON values.</summary>
    private static List<ToolCallCandidate> ParseSegment(string body, List<string> repairs, Func<string, bool> isKnownTool)
    {
        var function = FunctionTag().Match(body);
        if (function.Success && function.Index == 0)
        {
            return [ParseFunctionTag(function, [.. repairs, "written as <function=…> XML"])];
        }

        if (PythonicStart().IsMatch(body))
        {
            var pythonic = ParsePythonic(body, repairs, isKnownTool);
            if (pythonic.Count > 0)
            {
                return pythonic;
            }
        }

        var result = new List<ToolCallCandidate>();
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] is not ('{' or '[') || !TryParseJsonAt(body, i, out var element, out var end, out var closersAdded))
            {
                continue;
            }

            var valueRepairs = closersAdded > 0 ? [.. repairs, $"{closersAdded} missing closing bracket{(closersAdded == 1 ? "" : "s")} added at the end"] : repairs;
            result.AddRange(Classify(element, valueRepairs, isKnownTool));
            i = end - 1;
        }

        return result;
    }

    private static List<ToolCallCandidate> ParsePythonic(string text, List<string> repairs, Func<string, bool> isKnownTool)
    {
        if (!PythonCallParser.TryParse(text, out var calls, out var error))
        {
            // Only a known tool name makes "[name(" a call gone wrong; otherwise it is prose such as "[Update(2024): …]".
            var name = PythonicStart().Match(text).Groups["name"].Value;
            return isKnownTool(name)
                ? [new ToolCallCandidate(name, null, $"the [tool(arg=…)] list could not be read ({error})", repairs)]
                : [];
        }

        return [.. calls.Select(c => new ToolCallCandidate(c.Name, c.Arguments, null, repairs))];
    }

    private static ToolCallCandidate ParseFunctionTag(Match match, List<string> repairs)
    {
        var name = match.Groups["name"].Value;
        var body = match.Groups["body"].Value.Trim();
        if (!match.Groups["close"].Value.StartsWith("</", StringComparison.Ordinal))
        {
            repairs.Add("closing </function> tag was missing");
        }

        if (body.StartsWith('{'))
        {
            return TryParseJsonAt(body, 0, out var json, out _, out _) && json.ValueKind == JsonValueKind.Object
                ? new ToolCallCandidate(name, json, null, repairs)
                : new ToolCallCandidate(name, null, "the arguments after <function=…> are not a JSON object", repairs);
        }

        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (Match parameter in ParameterTag().Matches(body))
        {
            arguments[parameter.Groups["name"].Value] = parameter.Groups["value"].Value.Trim();
        }

        return new ToolCallCandidate(name, ToolArgumentJson.ToJsonObject(arguments), null, repairs);
    }

    /// <summary>Turns a parsed JSON value into call candidates, or none when it is not call-shaped.</summary>
    private static List<ToolCallCandidate> Classify(JsonElement element, List<string> repairs, Func<string, bool> isKnownTool)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            var items = element.EnumerateArray().SelectMany(item => Classify(item, repairs, isKnownTool)).ToList();
            return items.Count > 0 && element.GetArrayLength() > 0 ? items : [];
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        if (element.TryGetProperty("tool_calls", out var toolCalls) && toolCalls.ValueKind == JsonValueKind.Array)
        {
            return Classify(toolCalls, [.. repairs, "unwrapped from a \"tool_calls\" list"], isKnownTool);
        }

        if (element.TryGetProperty("function", out var function))
        {
            if (function.ValueKind == JsonValueKind.Object)
            {
                return ClassifyCall(function, [.. repairs, "unwrapped from an OpenAI-style {\"function\": {…}} object"], wrapped: true, isKnownTool);
            }

            if (function.ValueKind == JsonValueKind.String)
            {
                return ClassifyCall(element, [.. repairs, "\"function\" used as the name key"], wrapped: true, isKnownTool, nameKey: "function");
            }
        }

        return ClassifyCall(element, repairs, wrapped: false, isKnownTool);
    }

    private static List<ToolCallCandidate> ClassifyCall(
        JsonElement call, List<string> repairs, bool wrapped, Func<string, bool> isKnownTool, string nameKey = "name")
    {
        if (!call.TryGetProperty(nameKey, out var nameElement) || nameElement.ValueKind != JsonValueKind.String
            || nameElement.GetString() is not { Length: > 0 } name)
        {
            return [];
        }

        var argumentsKey = ArgumentKeys.FirstOrDefault(k => call.TryGetProperty(k, out _));
        if (argumentsKey is null && !wrapped && !isKnownTool(name))
        {
            return [];
        }

        var callRepairs = new List<string>(repairs);
        if (argumentsKey is not (null or "arguments"))
        {
            callRepairs.Add($"\"{argumentsKey}\" used instead of \"arguments\"");
        }

        if (argumentsKey is null)
        {
            return [new ToolCallCandidate(name, EmptyObject(), null, callRepairs)];
        }

        var arguments = call.GetProperty(argumentsKey);
        switch (arguments.ValueKind)
        {
            case JsonValueKind.Object:
                return [new ToolCallCandidate(name, arguments.Clone(), null, callRepairs)];
            case JsonValueKind.Null:
                return [new ToolCallCandidate(name, EmptyObject(), null, callRepairs)];
            case JsonValueKind.String:
                var parsed = ToolArgumentJson.TryParseObject(arguments.GetString(), out var error);
                if (parsed is null)
                {
                    return [new ToolCallCandidate(name, null, $"its arguments are a string that is {error}", callRepairs)];
                }

                callRepairs.Add("arguments were a JSON string, parsed into an object");
                return [new ToolCallCandidate(name, ToolArgumentJson.ToJsonObject(parsed), null, callRepairs)];
            default:
                return [new ToolCallCandidate(name, null, $"its arguments are {arguments.ValueKind.ToString().ToUpperInvariant()}, not a JSON object", callRepairs)];
        }
    }

    /// <summary>
    /// Parses one JSON value starting at <paramref name="start"/>. When the text ends inside the value (outside any string)
    /// the missing closing brackets are added — a call truncated at the model's stop token (vllm#11786).
    /// </summary>
    private static bool TryParseJsonAt(string text, int start, out JsonElement element, out int end, out int closersAdded)
    {
        closersAdded = 0;
        var bytes = Encoding.UTF8.GetBytes(text[start..]);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        try
        {
            element = JsonElement.ParseValue(ref reader);
            end = start + Encoding.UTF8.GetCharCount(bytes, 0, (int)reader.BytesConsumed);
            return true;
        }
        catch (JsonException)
        {
        }

        element = default;
        end = start;
        if (MissingClosers(text, start) is not { Length: > 0 } closers)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(text[start..] + closers, LenientDocument);
            element = document.RootElement.Clone();
            end = text.Length;
            closersAdded = closers.Length;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The brackets that would close a value left open at the end of the text, or null when that is not the problem.</summary>
    private static string? MissingClosers(string text, int start)
    {
        var stack = new Stack<char>();
        var inString = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '{':
                    stack.Push('}');
                    break;
                case '[':
                    stack.Push(']');
                    break;
                case '}' or ']':
                    if (stack.Count == 0 || stack.Pop() != c)
                    {
                        return null;
                    }

                    if (stack.Count == 0)
                    {
                        return null;
                    }

                    break;
            }
        }

        return inString || stack.Count == 0 ? null : string.Concat(stack);
    }

    private static JsonElement EmptyObject() => JsonElement.Parse("{}");

    private static bool Inside(List<(int Start, int End)> spans, int index) => spans.Any(s => index >= s.Start && index < s.End);

    private static string Remove(string text, List<(int Start, int End)> spans)
    {
        if (spans.Count == 0)
        {
            return text.Trim();
        }

        var result = new StringBuilder();
        var position = 0;
        foreach (var (start, end) in spans.OrderBy(s => s.Start))
        {
            if (start > position)
            {
                result.Append(text, position, start - position);
            }

            position = Math.Max(position, end);
        }

        if (position < text.Length)
        {
            result.Append(text, position, text.Length - position);
        }

        return BlankLines().Replace(result.ToString(), "\n\n").Trim();
    }

    [GeneratedRegex(@"<tool_call>(?<body>.*?)(?<close></tool_call>|(?=<tool_call>)|\z)", RegexOptions.Singleline)]
    private static partial Regex ToolCallTag();

    [GeneratedRegex(@"<function=(?<name>[^>\s]+)>(?<body>.*?)(?<close></function>|(?=<function=)|(?=</tool_call>)|\z)", RegexOptions.Singleline)]
    private static partial Regex FunctionTag();

    [GeneratedRegex(@"<parameter=(?<name>[^>\s]+)>(?<value>.*?)(?:</parameter>|(?=<parameter=)|(?=</function>)|\z)", RegexOptions.Singleline)]
    private static partial Regex ParameterTag();

    [GeneratedRegex(@"```[A-Za-z_]*[ \t]*\r?\n?(?<body>.*?)(?:```|\z)", RegexOptions.Singleline)]
    private static partial Regex CodeFence();

    [GeneratedRegex(@"^\[\s*(?<name>[A-Za-z_][\w.\-]*)\s*\(")]
    private static partial Regex PythonicStart();

    [GeneratedRegex(@"\n\s*\n(\s*\n)+")]
    private static partial Regex BlankLines();
}
