using System.Buffers;
using System.Text.Json;

namespace PveAgent.Mcp;

/// <summary>
/// What the server says about itself in <c>initialize</c>, in one place for the SDK's options and for the front door's
/// precomputed answer (a test keeps the two byte-for-byte equivalent).
/// </summary>
internal static class McpServerIdentity
{
    public const string Name = "pve-agent";
    public const string Title = "PveAgent";

    public const string Instructions =
        "PveAgent: a Proxmox VE cluster with GPUs and Tenstorrent cards. Read tools run at once. A tool that changes the cluster " +
        "becomes a plan checked by guardrails; a person approves it, never you. Tools take guest ids or names and node names.";

    /// <summary>The revisions that negotiate through <c>initialize</c>, as the SDK (2.3.1) supports them; it echoes the client's choice among these.</summary>
    private static readonly string[] HandshakeRevisions = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"];

    /// <summary>True when the SDK would agree to <paramref name="protocolVersion"/> as asked.</summary>
    public static bool IsHandshakeRevision(string? protocolVersion) => protocolVersion is not null && Array.IndexOf(HandshakeRevisions, protocolVersion) >= 0;

    /// <summary>
    /// The <c>initialize</c> result for a client that asked for <paramref name="protocolVersion"/>: the same capabilities as
    /// the SDK server declares (it adds <c>logging</c> itself), server info and instructions.
    /// </summary>
    public static byte[] InitializeResult(string protocolVersion, string serverVersion)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("protocolVersion", protocolVersion);
            writer.WriteStartObject("capabilities");
            foreach (var capability in (ReadOnlySpan<string>)["logging", "prompts", "resources", "tools"])
            {
                writer.WriteStartObject(capability);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteStartObject("serverInfo");
            writer.WriteString("name", Name);
            writer.WriteString("title", Title);
            writer.WriteString("version", serverVersion);
            writer.WriteEndObject();
            writer.WriteString("instructions", Instructions);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
