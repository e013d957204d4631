namespace PveAgent.Core.Registry.Validation;

/// <summary>Shapes of names that appear in cluster.yaml: environment variables, token ids, node names.</summary>
internal static class Identifiers
{
    /// <summary>True for a POSIX environment variable name (letters, digits, '_', not starting with a digit).</summary>
    public static bool IsEnvironmentVariableName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>True for a Proxmox API token id (a letter, then letters, digits, '.', '-' or '_').</summary>
    public static bool IsTokenName(string name) =>
        name.Length > 0 && char.IsAsciiLetter(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');

    /// <summary>True for a Proxmox node name: one hostname label.</summary>
    public static bool IsNodeName(string name) =>
        name.Length is > 0 and <= 63
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
        && !name.StartsWith('-') && !name.EndsWith('-');

    /// <summary>True when <paramref name="text"/> has the shape of a Proxmox token secret (a UUID), i.e. the secret was pasted where a name belongs.</summary>
    public static bool LooksLikeSecret(string text) => Guid.TryParseExact(text, "D", out _);
}
