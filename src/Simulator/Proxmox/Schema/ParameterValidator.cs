using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace PveAgent.Simulator.Proxmox.Schema;

/// <summary>
/// Checks request parameters against an endpoint's schema the way PVE's JSONSchema.pm does, producing the same per-parameter
/// messages (type, enum, format, limits, unknown and missing properties).
/// </summary>
internal static partial class ParameterValidator
{
    private const string NotDefined = "property is not defined in schema and the schema does not allow additional properties";

    // Highest index + 1 per indexed parameter (qemu-server / pve-container limits); others default to 32.
    private static readonly Dictionary<string, int> IndexLimits = new(StringComparer.Ordinal)
    {
        ["hostpci"] = 16, ["ide"] = 4, ["sata"] = 6, ["scsi"] = 31, ["virtio"] = 16, ["net"] = 32, ["ipconfig"] = 32,
        ["numa"] = 8, ["parallel"] = 3, ["serial"] = 4, ["usb"] = 14, ["unused"] = 256, ["virtiofs"] = 10, ["mp"] = 256,
        ["dev"] = 256,
    };

    private static readonly string[] HostPciKeys =
        ["host", "device-id", "driver", "legacy-igd", "mapping", "mdev", "pcie", "rombar", "romfile", "sub-device-id", "sub-vendor-id", "vendor-id", "x-vga"];

    private static readonly string[] IpConfigKeys = ["ip", "gw", "ip6", "gw6"];

    /// <summary>Finds the schema entry for a concrete parameter name (<c>hostpci0</c> → <c>hostpci[n]</c>), or null.</summary>
    public static ApiParameter? Find(ApiEndpoint endpoint, string name)
    {
        foreach (var parameter in endpoint.Parameters)
        {
            if (!parameter.IsIndexed)
            {
                if (parameter.Name == name)
                {
                    return parameter;
                }

                continue;
            }

            var stem = parameter.Stem;
            if (name.Length > stem.Length && name.StartsWith(stem, StringComparison.Ordinal)
                && int.TryParse(name.AsSpan(stem.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && index.ToString(CultureInfo.InvariantCulture) == name[stem.Length..]
                && index < IndexLimits.GetValueOrDefault(stem, 32))
            {
                return parameter;
            }
        }

        return null;
    }

    /// <summary>Validates every parameter; returns the PVE error text per parameter name (empty when all are valid).</summary>
    public static SortedDictionary<string, string> Validate(ApiEndpoint endpoint, IReadOnlyDictionary<string, ParameterValue> parameters)
    {
        var errors = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters)
        {
            var parameter = Find(endpoint, name);
            if (parameter is null)
            {
                errors[name] = NotDefined;
                continue;
            }

            if (CheckValue(parameter, name, value) is { } error)
            {
                errors[name] = error;
            }
        }

        foreach (var parameter in endpoint.Parameters)
        {
            if (!parameter.Optional && !parameter.IsIndexed && !parameters.ContainsKey(parameter.Name))
            {
                errors[parameter.Name] = "property is missing and it is not optional";
            }
        }

        return errors;
    }

    private static string? CheckValue(ApiParameter parameter, string name, ParameterValue value)
    {
        var text = value.Text;
        switch (parameter.Type)
        {
            case ApiParameterType.Boolean:
                return value.IsJsonBoolean || text is "0" or "1" ? null : $"type check ('boolean') failed - got '{text}'";
            case ApiParameterType.Integer:
                if (!IntegerPattern().IsMatch(text))
                {
                    return $"type check ('integer') failed - got '{text}'";
                }

                break;
            case ApiParameterType.Number:
                if (!NumberPattern().IsMatch(text))
                {
                    return $"type check ('number') failed - got '{text}'";
                }

                break;
            case ApiParameterType.String:
                if (value.IsJsonBoolean)
                {
                    text = text == "1" ? "1" : "0";
                }

                break;
        }

        if (parameter.Enum is { } allowed && !allowed.Contains(text, StringComparer.Ordinal))
        {
            return $"value '{text}' does not have a value in the enumeration '{string.Join(", ", allowed)}'";
        }

        if (CheckFormat(parameter, name, text) is { } formatError)
        {
            return "invalid format - " + formatError;
        }

        if (parameter.Type is ApiParameterType.Integer or ApiParameterType.Number)
        {
            var number = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (parameter.Minimum is { } min && number < min)
            {
                return $"value must have a minimum value of {min.ToString(CultureInfo.InvariantCulture)}";
            }

            if (parameter.Maximum is { } max && number > max)
            {
                return $"value must have a maximum value of {max.ToString(CultureInfo.InvariantCulture)}";
            }
        }

        if (parameter.MaxLength is { } maxLength && text.Length > maxLength)
        {
            return $"value may only be {maxLength} characters long";
        }

        return null;
    }

    private static string? CheckFormat(ApiParameter parameter, string name, string text)
    {
        if (parameter.PropertyKeys is { } keys)
        {
            return CheckPropertyString(name, text, keys, parameter.DefaultKey, static (_, _) => null);
        }

        return parameter.Format switch
        {
            "pve-vmid" => VmIdPattern().IsMatch(text) ? null : "value does not look like a valid VM ID\n",
            "pve-node" => NodePattern().IsMatch(text) ? null : "value does not look like a valid node name\n",
            "pve-storage-id" => StorageIdPattern().IsMatch(text) ? null : $"storage ID '{text}' contains illegal characters\n",
            "pve-configid" => ConfigIdPattern().IsMatch(text) ? null : $"invalid configuration ID '{text}'\n",
            "pve-poolid" => PoolIdPattern().IsMatch(text) ? null : $"invalid pool ID '{text}'\n",
            "pve-qm-hostpci" => CheckPropertyString(name, text, HostPciKeys, "host", static (_, _) => null),
            "pve-qm-ipconfig" => CheckPropertyString(name, text, IpConfigKeys, null, CheckIpConfigKey),
            _ => null,
        };
    }

    private static string? CheckIpConfigKey(string key, string value) => key switch
    {
        "gw" when !IsIPv4(value) => "invalid format - value does not look like a valid IPv4 address",
        "ip" when value != "dhcp" && !IsIPv4Cidr(value) => "invalid format - value does not look like a valid IPv4 network configuration",
        _ => null,
    };

    private static bool IsIPv4(string value) =>
        IPAddress.TryParse(value, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
        && value.Count(c => c == '.') == 3;

    private static bool IsIPv4Cidr(string value)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && IsIPv4(value[..slash])
            && int.TryParse(value.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var bits) && bits is >= 0 and <= 32;
    }

    // Mirrors parse_property_string: "format error" followed by one "<param>.<key>: <message>" line per bad key.
    private static string? CheckPropertyString(string name, string text, IReadOnlyList<string> keys, string? defaultKey, Func<string, string, string?> checkKey)
    {
        var problems = new StringBuilder();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            string key;
            string value;
            if (equals < 0)
            {
                if (defaultKey is null)
                {
                    problems.Append(CultureInfo.InvariantCulture, $"{name}: value without key, but schema does not define a default key\n");
                    continue;
                }

                (key, value) = (defaultKey, part);
            }
            else
            {
                (key, value) = (part[..equals], part[(equals + 1)..]);
            }

            if (!keys.Contains(key, StringComparer.Ordinal))
            {
                problems.Append(CultureInfo.InvariantCulture, $"{name}.{key}: {NotDefined}\n");
            }
            else if (checkKey(key, value) is { } error)
            {
                problems.Append(CultureInfo.InvariantCulture, $"{name}.{key}: {error}\n");
            }
        }

        return problems.Length == 0 ? null : "format error\n" + problems + "\n";
    }

    [GeneratedRegex(@"^-?\d+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^[1-9][0-9]{2,8}$")]
    private static partial Regex VmIdPattern();

    [GeneratedRegex(@"^[a-zA-Z0-9]([a-zA-Z0-9\-]*[a-zA-Z0-9])?$")]
    private static partial Regex NodePattern();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9\-_.]*[a-zA-Z0-9]$")]
    private static partial Regex StorageIdPattern();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9_\-]+$")]
    private static partial Regex ConfigIdPattern();

    [GeneratedRegex(@"^[A-Za-z0-9.\-_]+$")]
    private static partial Regex PoolIdPattern();
}
