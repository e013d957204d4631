using System.Globalization;
using System.Text;
using PveAgent.Core.Registry.Validation;

namespace PveAgent.Core.Registry.Yaml;

/// <summary>Writes registry records as block-style YAML lines in the layout of the sample cluster.yaml.</summary>
internal sealed class YamlWriter(string newline)
{
    private readonly StringBuilder _text = new();

    public override string ToString() => _text.ToString();

    public YamlWriter Line(int indent, string content)
    {
        _text.Append(' ', indent).Append(content).Append(newline);
        return this;
    }

    public YamlWriter Accelerators(int indent, IReadOnlyList<AcceleratorConfig> accelerators)
    {
        foreach (var accelerator in accelerators)
        {
            Line(indent, $"- type: {KindNames.Name(accelerator.Kind)}");
            Line(indent + 2, $"model: {Scalar(accelerator.Model)}");
            Line(indent + 2, $"count: {accelerator.Count.ToString(CultureInfo.InvariantCulture)}");
            if (accelerator.VramGb is { } vram)
            {
                Line(indent + 2, $"vram_gb: {Number(vram)}");
            }
        }

        return this;
    }

    public YamlWriter Node(int indent, NodeConfig node)
    {
        var inner = indent + 2;
        Line(indent, $"{Scalar(node.Name)}:");
        Line(inner, $"host: {Scalar(node.Host)}");
        if (node.Type is { } type)
        {
            Line(inner, $"type: {Scalar(type)}");
        }

        if (node.Power is { } power)
        {
            Line(inner, "power:").Line(inner + 2, $"idle_watts: {Number(power.IdleWatts)}").Line(inner + 2, $"max_watts: {Number(power.MaxWatts)}");
        }

        if (node.WakeOnLan is { } wake)
        {
            // Quoted like the sample: unquoted, some YAML 1.1 readers take 11:83-style text for a base-60 number.
            Line(inner, "wake_on_lan:").Line(inner + 2, $"mac: {Quoted(wake.Mac)}");
            if (wake.Via is { } via)
            {
                Line(inner + 2, $"via: {Scalar(via)}");
            }

            if (wake.BootSeconds != new WakeOnLanConfig { Mac = wake.Mac }.BootSeconds)
            {
                Line(inner + 2, $"boot_seconds: {Number(wake.BootSeconds)}");
            }
        }

        if (node.Accelerators.Count > 0)
        {
            Line(inner, "accelerators:").Accelerators(inner + 2, node.Accelerators);
        }

        if (node.Storage.Count > 0)
        {
            Line(inner, "storage:");
            foreach (var storage in node.Storage)
            {
                Line(inner + 2, $"- path: {Scalar(storage.Path)}");
                if (storage.SizeTb is { } size)
                {
                    Line(inner + 4, $"size_tb: {Number(size)}");
                }

                if (storage.Type is { } medium)
                {
                    Line(inner + 4, $"type: {Scalar(medium)}");
                }
            }
        }

        if (node.Capabilities.Count > 0)
        {
            Line(inner, "capabilities:");
            foreach (var capability in node.Capabilities)
            {
                Line(inner + 2, $"- {Scalar(capability)}");
            }
        }

        if (node.Services.Count > 0)
        {
            Line(inner, "services:");
            foreach (var service in node.Services)
            {
                Service(inner + 2, service);
            }
        }

        if (node.Telemetry != new TelemetryConfig())
        {
            var telemetry = node.Telemetry;
            Line(inner, "telemetry:").Line(inner + 2, $"source: {KindNames.Name(telemetry.Source)}");
            if (telemetry.SshUser != new TelemetryConfig().SshUser)
            {
                Line(inner + 2, $"ssh_user: {Scalar(telemetry.SshUser)}");
            }

            if (telemetry.Url is { } url)
            {
                Line(inner + 2, $"url: {Scalar(url.OriginalString)}");
            }

            if (telemetry.TokenEnv is { } tokenEnv)
            {
                Line(inner + 2, $"token_env: {Scalar(tokenEnv)}");
            }
        }

        return this;
    }

    /// <summary>A scalar written plain when YAML reads it back as the same string, double-quoted otherwise.</summary>
    public static string Scalar(string value, bool inFlow = false) => IsPlainSafe(value, inFlow) ? value : Quoted(value);

    public static string Quoted(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => text.Append("\\\""),
                '\\' => text.Append("\\\\"),
                '\n' => text.Append("\\n"),
                '\r' => text.Append("\\r"),
                '\t' => text.Append("\\t"),
                _ when char.IsControl(c) => text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
                _ => text.Append(c),
            };
        }

        return text.Append('"').ToString();
    }

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private void Service(int indent, ServiceConfig service)
    {
        Line(indent, $"{Scalar(service.Name)}:");
        if (!KindNames.TryParseService(service.Name, out var named) || named != service.Kind)
        {
            Line(indent + 2, $"kind: {KindNames.Name(service.Kind)}");
        }

        if (service.Url is { } url)
        {
            Line(indent + 2, $"url: {Scalar(url.OriginalString)}");
        }
        else
        {
            Line(indent + 2, $"port: {service.Port.ToString(CultureInfo.InvariantCulture)}");
        }

        if (service.Guest is { } guest)
        {
            Line(indent + 2, $"guest: {guest.ToString(CultureInfo.InvariantCulture)}");
        }

        if (service.Models.Count > 0)
        {
            Line(indent + 2, $"models: [{string.Join(", ", service.Models.Select(m => Scalar(m, inFlow: true)))}]");
        }
    }

    private static bool IsPlainSafe(string value, bool inFlow)
    {
        if (value.Length == 0 || char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]) || "-?:,[]{}#&*!|>'\"%@`.".Contains(value[0], StringComparison.Ordinal))
        {
            return false;
        }

        if (value.Any(char.IsControl)
            || value.Contains(": ", StringComparison.Ordinal)
            || value.Contains(" #", StringComparison.Ordinal)
            || value.EndsWith(':')
            || (inFlow && value.IndexOfAny([',', '[', ']', '{', '}']) >= 0))
        {
            return false;
        }

        // Words and numbers YAML would read as another type.
        return value.ToLowerInvariant() is not ("true" or "false" or "yes" or "no" or "on" or "off" or "y" or "n" or "null" or "~")
            && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            && !value.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && !value.StartsWith("0o", StringComparison.OrdinalIgnoreCase);
    }
}
