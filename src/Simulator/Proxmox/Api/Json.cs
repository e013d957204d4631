using System.Text.Json.Nodes;

namespace PveAgent.Simulator.Proxmox.Api;

/// <summary>Small helpers for building PVE-shaped JSON (0/1 booleans, optional keys left out rather than null).</summary>
internal static class Json
{
    /// <summary>PVE's boolean: 0 or 1.</summary>
    public static JsonNode Bit(bool value) => JsonValue.Create(value ? 1 : 0);

    /// <summary>Adds <paramref name="key"/> only when <paramref name="value"/> is not null.</summary>
    public static JsonObject Put(this JsonObject target, string key, JsonNode? value)
    {
        if (value is not null)
        {
            target[key] = value;
        }

        return target;
    }

    /// <summary>Adds a string only when it is not null.</summary>
    public static JsonObject PutString(this JsonObject target, string key, string? value) =>
        value is null ? target : target.Put(key, JsonValue.Create(value));

    /// <summary>A JSON array of strings.</summary>
    public static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);

    /// <summary>A JSON array of the given nodes.</summary>
    public static JsonArray Array(IEnumerable<JsonNode> values) => new([.. values]);
}
