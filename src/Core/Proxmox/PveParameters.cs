using System.Globalization;
using System.Text;

namespace PveAgent.Core.Proxmox;

/// <summary>Request parameters in PVE's encoding: booleans as <c>0</c>/<c>1</c>, unset values left out.</summary>
internal sealed class PveParameters
{
    private readonly List<KeyValuePair<string, string>> _values = [];

    public static PveParameters None => new();

    public int Count => _values.Count;

    public bool Contains(string name) => _values.Exists(v => v.Key == name);

    public PveParameters Add(string name, string? value)
    {
        if (value is not null)
        {
            _values.Add(new(name, value));
        }

        return this;
    }

    public PveParameters Add(string name, bool? value) => Add(name, value is { } flag ? (flag ? "1" : "0") : null);

    public PveParameters Add(string name, long? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// <c>key=value&amp;…</c> with everything but unreserved characters percent-encoded: PVE splits pairs on <c>&amp;</c> and
    /// <c>;</c> and keys from values on every <c>=</c> before decoding, so raw <c>=</c>/<c>;</c> inside property strings
    /// (<c>host=01:00.0;02:00.0</c>) would corrupt the request.
    /// </summary>
    public string Encode()
    {
        var builder = new StringBuilder();
        foreach (var (name, value) in _values)
        {
            if (builder.Length > 0)
            {
                builder.Append('&');
            }

            builder.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return builder.ToString();
    }
}
