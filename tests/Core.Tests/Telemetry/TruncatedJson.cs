using System.Text;

namespace PveAgent.Core.Tests.Telemetry;

/// <summary>
/// Turns a real but truncated JSON excerpt (cut by an issue index, marked <c>[... truncated ...]</c>) into the valid
/// document its complete part describes: everything after the last complete member is dropped and the open containers
/// are closed. No value is changed or invented.
/// </summary>
internal static class TruncatedJson
{
    public static string Repair(string excerpt)
    {
        var start = excerpt.IndexOfAny(['{', '[']);
        var text = excerpt[start..];
        var marker = text.IndexOf("[... truncated ...]", StringComparison.Ordinal);
        if (marker >= 0)
        {
            text = text[..marker];
        }

        // Walk the text; remember the open containers at each comma outside strings (a comma follows a complete member).
        var stack = new Stack<char>();
        var inString = false;
        var lastComma = -1;
        char[] stackAtComma = [];
        for (var i = 0; i < text.Length; i++)
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
                case '{' or '[':
                    stack.Push(c);
                    break;
                case '}' or ']':
                    stack.Pop();
                    if (stack.Count == 0)
                    {
                        return text[..(i + 1)];
                    }

                    break;
                case ',':
                    lastComma = i;
                    stackAtComma = [.. stack];
                    break;
            }
        }

        var repaired = new StringBuilder(text[..lastComma]);
        foreach (var open in stackAtComma)
        {
            repaired.Append(open == '{' ? '}' : ']');
        }

        return repaired.ToString();
    }
}
