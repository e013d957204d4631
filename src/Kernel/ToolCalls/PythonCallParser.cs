using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PveAgent.Kernel.ToolCalls;

/// <summary>
/// Reads the "pythonic" tool-call form Llama 3.2 emits (vLLM docs): <c>[get_weather(city='San Francisco', metric='celsius')]</c>,
/// a list of calls with keyword arguments whose values are Python literals (strings, numbers, True/False/None, lists,
/// dicts). Positional arguments are refused: mapping them to names would be a guess.
/// </summary>
internal sealed class PythonCallParser
{
    private readonly string _text;
    private int _pos;

    private PythonCallParser(string text) => _text = text;

    /// <summary>A parsed call: its name and its keyword arguments as a JSON object.</summary>
    public sealed record PythonCall(string Name, JsonElement Arguments);

    /// <summary>Parses the whole of <paramref name="text"/> as a bracketed list of calls.</summary>
    public static bool TryParse(string text, out IReadOnlyList<PythonCall> calls, out string? error)
    {
        var parser = new PythonCallParser(text);
        try
        {
            calls = parser.ParseList();
            error = null;
            return true;
        }
        catch (FormatException ex)
        {
            calls = [];
            error = ex.Message;
            return false;
        }
    }

    private List<PythonCall> ParseList()
    {
        var calls = new List<PythonCall>();
        Expect('[');
        while (true)
        {
            SkipSpace();
            if (Peek() == ']')
            {
                _pos++;
                break;
            }

            calls.Add(ParseCall());
            SkipSpace();
            if (Peek() == ',')
            {
                _pos++;
                continue;
            }

            Expect(']');
            break;
        }

        SkipSpace();
        if (_pos != _text.Length)
        {
            throw new FormatException($"unexpected text after the call list at position {_pos}");
        }

        return calls;
    }

    private PythonCall ParseCall()
    {
        var name = ParseIdentifier(allowDots: true);
        Expect('(');
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            while (true)
            {
                SkipSpace();
                if (Peek() == ')')
                {
                    _pos++;
                    break;
                }

                var start = _pos;
                var c = Peek();
                var argument = char.IsAsciiLetter(c) || c == '_' ? ParseIdentifier(allowDots: false) : null;
                SkipSpace();
                if (argument is null || Peek() != '=')
                {
                    _pos = start;
                    throw new FormatException($"{name}(…) has a positional argument; use name=value for every argument");
                }

                _pos++;
                writer.WritePropertyName(argument);
                ParseValue(writer);
                SkipSpace();
                if (Peek() == ',')
                {
                    _pos++;
                    continue;
                }

                Expect(')');
                break;
            }

            writer.WriteEndObject();
        }

        return new PythonCall(name, JsonElement.Parse(buffer.WrittenSpan));
    }

    private void ParseValue(Utf8JsonWriter writer)
    {
        SkipSpace();
        var c = Peek();
        switch (c)
        {
            case '\'' or '"':
                writer.WriteStringValue(ParseString());
                return;
            case '[' or '(':
                _pos++;
                var close = c == '[' ? ']' : ')';
                writer.WriteStartArray();
                ParseSequence(close, () => ParseValue(writer));
                writer.WriteEndArray();
                return;
            case '{':
                _pos++;
                writer.WriteStartObject();
                ParseSequence('}', () =>
                {
                    SkipSpace();
                    var key = Peek() is '\'' or '"' ? ParseString() : throw new FormatException($"dictionary key at position {_pos} is not a string");
                    SkipSpace();
                    Expect(':');
                    writer.WritePropertyName(key);
                    ParseValue(writer);
                });
                writer.WriteEndObject();
                return;
        }

        if (c == '-' || char.IsAsciiDigit(c))
        {
            var start = _pos;
            _pos++;
            while (_pos < _text.Length && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] is '.' or 'e' or 'E' or '+' or '-'))
            {
                _pos++;
            }

            var literal = _text[start.._pos];
            if (long.TryParse(literal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            {
                writer.WriteNumberValue(integer);
            }
            else if (double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real))
            {
                writer.WriteNumberValue(real);
            }
            else
            {
                throw new FormatException($"'{literal}' is not a number");
            }

            return;
        }

        var word = ParseIdentifier(allowDots: false);
        switch (word)
        {
            case "True" or "true":
                writer.WriteBooleanValue(true);
                break;
            case "False" or "false":
                writer.WriteBooleanValue(false);
                break;
            case "None" or "null":
                writer.WriteNullValue();
                break;
            default:
                throw new FormatException($"'{word}' is not a literal value");
        }
    }

    private void ParseSequence(char close, Action item)
    {
        while (true)
        {
            SkipSpace();
            if (Peek() == close)
            {
                _pos++;
                return;
            }

            item();
            SkipSpace();
            if (Peek() == ',')
            {
                _pos++;
                continue;
            }

            Expect(close);
            return;
        }
    }

    private string ParseString()
    {
        var quote = _text[_pos++];
        var result = new StringBuilder();
        while (_pos < _text.Length)
        {
            var c = _text[_pos++];
            if (c == quote)
            {
                return result.ToString();
            }

            if (c == '\\' && _pos < _text.Length)
            {
                var escaped = _text[_pos++];
                result.Append(escaped switch
                {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    _ => escaped,
                });
                continue;
            }

            result.Append(c);
        }

        throw new FormatException("a string is not closed");
    }

    private string ParseIdentifier(bool allowDots)
    {
        SkipSpace();
        var start = _pos;
        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_' || allowDots && _text[_pos] is '.' or '-'))
        {
            _pos++;
        }

        if (_pos == start || char.IsAsciiDigit(_text[start]))
        {
            throw new FormatException($"expected a name at position {start}");
        }

        return _text[start.._pos];
    }

    private void Expect(char c)
    {
        SkipSpace();
        if (Peek() != c)
        {
            throw new FormatException($"expected '{c}' at position {_pos}");
        }

        _pos++;
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private void SkipSpace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }
    }
}
