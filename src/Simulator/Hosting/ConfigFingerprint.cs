using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using PveAgent.Core.Registry;

namespace PveAgent.Simulator.Hosting;

/// <summary>SHA-256 of the cluster.yaml a world was seeded from (or of a canonical dump of the config when it has no file).</summary>
internal static class ConfigFingerprint
{
    /// <summary>Lower-case hex SHA-256.</summary>
    public static string Compute(ClusterConfig config)
    {
        if (config.SourcePath is { } path && File.Exists(path))
        {
            return Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
        }

        return Convert.ToHexStringLower(SHA256.HashData(Canonical(config)));
    }

    private static byte[] Canonical(ClusterConfig config)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("cluster", config.Cluster.Name);
            writer.WriteBoolean("simulate", config.Cluster.Simulate);
            if (config.Proxmox is { } proxmox)
            {
                writer.WriteString("proxmox", $"{proxmox.Host}:{proxmox.Port.ToString(CultureInfo.InvariantCulture)} {proxmox.User}!{proxmox.TokenName}");
            }

            writer.WriteStartArray("nodes");
            foreach (var node in config.Nodes)
            {
                writer.WriteStartObject();
                writer.WriteString("name", node.Name);
                writer.WriteString("host", node.Host);
                writer.WriteString("type", node.Type);
                writer.WriteString("wol", node.WakeOnLan is { } wol ? $"{wol.Mac} {wol.BootSeconds.ToString(CultureInfo.InvariantCulture)}" : null);
                writer.WriteStartArray("accelerators");
                foreach (var accelerator in node.Accelerators)
                {
                    writer.WriteStringValue($"{accelerator.Kind} {accelerator.Model} x{accelerator.Count.ToString(CultureInfo.InvariantCulture)}");
                }

                writer.WriteEndArray();
                writer.WriteStartArray("services");
                foreach (var service in node.Services)
                {
                    writer.WriteStringValue(string.Join(' ', service.Name, service.Kind, service.Port.ToString(CultureInfo.InvariantCulture),
                        service.Guest?.ToString(CultureInfo.InvariantCulture) ?? "-", service.Url?.ToString() ?? "-", string.Join(',', service.Models)));
                }

                writer.WriteEndArray();
                writer.WriteStartArray("storage");
                foreach (var storage in node.Storage)
                {
                    writer.WriteStringValue($"{storage.Path} {storage.SizeTb?.ToString(CultureInfo.InvariantCulture)} {storage.Type}");
                }

                writer.WriteEndArray();
                writer.WriteString("telemetry", $"{node.Telemetry.Source} {node.Telemetry.Url}");
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
