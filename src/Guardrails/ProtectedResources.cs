namespace PveAgent.Guardrails;

/// <summary>
/// Guests and nodes under <c>guardrails.protected</c>: disruptive or destructive actions on them are denied, and other
/// changes to them need approval whatever the mode.
/// </summary>
public sealed record ProtectedResources
{
    /// <summary>Nothing protected.</summary>
    public static ProtectedResources None { get; } = new();

    /// <summary>Guest ids.</summary>
    public IReadOnlyList<int> GuestIds { get; init; } = [];

    /// <summary>Guest names (case-insensitive).</summary>
    public IReadOnlyList<string> GuestNames { get; init; } = [];

    /// <summary>Proxmox tags: a guest carrying any of them is protected (case-insensitive).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Node names: the node and every guest on it are protected (case-insensitive).</summary>
    public IReadOnlyList<string> Nodes { get; init; } = [];
}
