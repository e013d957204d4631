using System.Globalization;
using System.Text;

namespace PveAgent.Core.Telemetry;

/// <summary>
/// Parses the Prometheus text exposition format (0.0.4) generically: HELP/TYPE lines, label sets in any order with
/// escapes, special float values. Unparseable lines are skipped and counted rather than failing the whole scrape,
/// because real endpoints (and documentation excerpts) contain them.
/// </summary>
public static class PrometheusTextParser
{
    // Suffixes a sample may carry beyond its family's declared name (histograms, summaries, OpenMetrics counters).
    private static readonly string[] SampleSuffixes = ["_bucket", "_count", "_sum", "_total", "_created"];

    /// <summary>Parses <paramref name="text"/>; never throws for malformed content.</summary>
    public static PrometheusScrape Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var families = new Dictionary<string, FamilyBuilder>(StringComparer.Ordinal);
        var order = new List<FamilyBuilder>();
        var skipped = new List<int>();

        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line[0] == '#')
            {
                if (!TryReadComment(line, families, order))
                {
                    skipped.Add(lineNumber);
                }

                continue;
            }

            if (!TryParseSample(line, out var sample))
            {
                skipped.Add(lineNumber);
                continue;
            }

            FamilyFor(sample.Name, families, order).Samples.Add(sample);
        }

        return new PrometheusScrape
        {
            Families = order.Select(b => b.Build()).ToArray(),
            SkippedLines = skipped,
        };
    }

    private static bool TryReadComment(string line, Dictionary<string, FamilyBuilder> families, List<FamilyBuilder> order)
    {
        // "# HELP name text" and "# TYPE name type"; any other comment is legal and ignored.
        var body = line.AsSpan(1).TrimStart();
        var isHelp = body.StartsWith("HELP ", StringComparison.Ordinal);
        var isType = body.StartsWith("TYPE ", StringComparison.Ordinal);
        if (!isHelp && !isType)
        {
            return true;
        }

        var rest = body[5..].TrimStart();
        var nameEnd = rest.IndexOfAny(' ', '\t');
        var name = (nameEnd < 0 ? rest : rest[..nameEnd]).ToString();
        var tail = nameEnd < 0 ? string.Empty : rest[(nameEnd + 1)..].Trim().ToString();
        if (!IsMetricName(name))
        {
            return false;
        }

        if (!families.TryGetValue(name, out var builder))
        {
            builder = new FamilyBuilder(name);
            families.Add(name, builder);
            order.Add(builder);
        }

        if (isHelp)
        {
            builder.Help = UnescapeHelp(tail);
            return true;
        }

        var type = tail switch
        {
            "counter" => MetricType.Counter,
            "gauge" => MetricType.Gauge,
            "histogram" => MetricType.Histogram,
            "summary" => MetricType.Summary,
            "untyped" or "unknown" => MetricType.Untyped,
            _ => (MetricType?)null,
        };
        if (type is null)
        {
            return false;
        }

        builder.Type = type.Value;
        return true;
    }

    private static FamilyBuilder FamilyFor(string sampleName, Dictionary<string, FamilyBuilder> families, List<FamilyBuilder> order)
    {
        if (families.TryGetValue(sampleName, out var exact))
        {
            return exact;
        }

        foreach (var suffix in SampleSuffixes)
        {
            if (sampleName.EndsWith(suffix, StringComparison.Ordinal)
                && families.TryGetValue(sampleName[..^suffix.Length], out var declared))
            {
                return declared;
            }
        }

        var undeclared = new FamilyBuilder(sampleName);
        families.Add(sampleName, undeclared);
        order.Add(undeclared);
        return undeclared;
    }

    /// <summary>Parses one sample line: <c>name{labels} value [timestamp]</c>.</summary>
    internal static bool TryParseSample(string line, out MetricSample sample)
    {
        sample = null!;
        var position = 0;
        var nameEnd = ReadMetricName(line, 0);
        if (nameEnd == 0)
        {
            return false;
        }

        var name = line[..nameEnd];
        position = nameEnd;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        SkipSpaces(line, ref position);
        if (position < line.Length && line[position] == '{' && !TryReadLabels(line, ref position, labels))
        {
            return false;
        }

        SkipSpaces(line, ref position);
        var valueStart = position;
        while (position < line.Length && !char.IsWhiteSpace(line[position]))
        {
            position++;
        }

        if (!TryParseValue(line.AsSpan(valueStart, position - valueStart), out var value))
        {
            return false;
        }

        SkipSpaces(line, ref position);
        long? timestamp = null;
        if (position < line.Length)
        {
            if (!long.TryParse(line.AsSpan(position), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ts))
            {
                return false;
            }

            timestamp = ts;
        }

        sample = new MetricSample { Name = name, Labels = labels, Value = value, TimestampMs = timestamp };
        return true;
    }

    private static bool TryReadLabels(string line, ref int position, Dictionary<string, string> labels)
    {
        position++; // '{'
        while (true)
        {
            SkipSpaces(line, ref position);
            if (position >= line.Length)
            {
                return false;
            }

            if (line[position] == '}')
            {
                position++;
                return true;
            }

            var nameStart = position;
            while (position < line.Length && IsLabelChar(line[position], position == nameStart))
            {
                position++;
            }

            if (position == nameStart)
            {
                return false;
            }

            var labelName = line[nameStart..position];
            SkipSpaces(line, ref position);
            if (position >= line.Length || line[position] != '=')
            {
                return false;
            }

            position++;
            SkipSpaces(line, ref position);
            if (position >= line.Length || line[position] != '"')
            {
                return false;
            }

            position++;
            var value = new StringBuilder();
            var closed = false;
            while (position < line.Length)
            {
                var c = line[position++];
                if (c == '"')
                {
                    closed = true;
                    break;
                }

                if (c == '\\' && position < line.Length)
                {
                    var escaped = line[position++];
                    value.Append(escaped == 'n' ? '\n' : escaped);
                    continue;
                }

                value.Append(c);
            }

            if (!closed)
            {
                return false;
            }

            labels[labelName] = value.ToString();
            SkipSpaces(line, ref position);
            if (position < line.Length && line[position] == ',')
            {
                position++;
            }
            else if (position >= line.Length || line[position] != '}')
            {
                return false;
            }
        }
    }

    /// <summary>Parses a sample value, including <c>+Inf</c>, <c>-Inf</c> and <c>NaN</c>.</summary>
    internal static bool TryParseValue(ReadOnlySpan<char> token, out double value)
    {
        switch (token)
        {
            case "+Inf" or "Inf" or "+inf" or "inf":
                value = double.PositiveInfinity;
                return true;
            case "-Inf" or "-inf":
                value = double.NegativeInfinity;
                return true;
            case "NaN" or "nan":
                value = double.NaN;
                return true;
            default:
                return double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }

    private static int ReadMetricName(string line, int start)
    {
        var position = start;
        while (position < line.Length)
        {
            var c = line[position];
            var valid = char.IsAsciiLetter(c) || c == '_' || c == ':' || (position > start && char.IsAsciiDigit(c));
            if (!valid)
            {
                break;
            }

            position++;
        }

        return position;
    }

    private static bool IsMetricName(string name) => name.Length > 0 && ReadMetricName(name, 0) == name.Length;

    private static bool IsLabelChar(char c, bool first) => char.IsAsciiLetter(c) || c == '_' || (!first && char.IsAsciiDigit(c));

    private static void SkipSpaces(string line, ref int position)
    {
        while (position < line.Length && (line[position] == ' ' || line[position] == '\t'))
        {
            position++;
        }
    }

    private static string UnescapeHelp(string help) =>
        help.Contains('\\', StringComparison.Ordinal)
            ? help.Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal)
            : help;

    private sealed class FamilyBuilder(string name)
    {
        public string Name { get; } = name;

        public MetricType Type { get; set; }

        public string? Help { get; set; }

        public List<MetricSample> Samples { get; } = [];

        public MetricFamily Build() => new() { Name = Name, Type = Type, Help = Help, Samples = Samples.ToArray() };
    }
}
