using System.Globalization;
using System.Text;

namespace PveAgent.Simulator.Inference;

/// <summary>Writes the Prometheus text exposition format (version 0.0.4) the way Python's prometheus_client and Go exporters print it.</summary>
internal sealed class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new();

    public PrometheusText Family(string name, string type, string help)
    {
        _text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        _text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        return this;
    }

    public PrometheusText Sample(string name, string labels, string value)
    {
        _text.Append(name);
        if (labels.Length > 0)
        {
            _text.Append('{').Append(labels).Append('}');
        }

        _text.Append(' ').Append(value).Append('\n');
        return this;
    }

    public override string ToString() => _text.ToString();

    public byte[] ToBytes() => Encoding.UTF8.GetBytes(_text.ToString());

    /// <summary>A label set <c>a="x",b="y"</c> with values escaped.</summary>
    public static string Labels(params ReadOnlySpan<(string Name, string Value)> labels)
    {
        var builder = new StringBuilder();
        foreach (var (name, value) in labels)
        {
            if (builder.Length > 0)
            {
                builder.Append(',');
            }

            builder.Append(name).Append("=\"")
                .Append(value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal))
                .Append('"');
        }

        return builder.ToString();
    }

    /// <summary>
    /// prometheus_client's <c>floatToGoString</c>: Python's repr (<c>8.0</c>, <c>0.25</c>), switched to Go's exponent
    /// form when the integer part has more than 6 digits (<c>1.048576e+06</c>).
    /// </summary>
    public static string PythonFloat(double value)
    {
        if (double.IsPositiveInfinity(value))
        {
            return "+Inf";
        }

        if (double.IsNegativeInfinity(value))
        {
            return "-Inf";
        }

        if (double.IsNaN(value))
        {
            return "NaN";
        }

        var repr = value.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
        if (!repr.Contains('.', StringComparison.Ordinal) && !repr.Contains('e', StringComparison.Ordinal))
        {
            repr += ".0";
        }

        var dot = repr.IndexOf('.', StringComparison.Ordinal);
        if (value > 0 && dot > 6 && !repr.Contains('e', StringComparison.Ordinal))
        {
            var digits = repr[..dot] + repr[(dot + 1)..];
            var mantissa = (digits[0] + "." + digits[1..]).TrimEnd('0').TrimEnd('.');
            return string.Create(CultureInfo.InvariantCulture, $"{mantissa}e+{dot - 1:00}");
        }

        return repr;
    }

    /// <summary>Go's <c>%f</c> (six decimals), as DCGM-exporter prints floating-point fields.</summary>
    public static string GoFixed(double value) => value.ToString("0.000000", CultureInfo.InvariantCulture);

    public static string Integer(double value) => Math.Round(value).ToString("0", CultureInfo.InvariantCulture);
}
