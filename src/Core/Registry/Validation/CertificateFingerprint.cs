namespace PveAgent.Core.Registry.Validation;

/// <summary>Parses a SHA-256 certificate fingerprint written as 32 hexadecimal pairs separated by ':'.</summary>
internal static class CertificateFingerprint
{
    /// <summary>The fingerprint in upper case, or null when <paramref name="text"/> is not 32 hexadecimal pairs.</summary>
    public static string? Normalize(string text)
    {
        var parts = text.Split(':');
        return parts.Length == 32 && parts.All(MacAddress.IsHexPair) ? text.ToUpperInvariant() : null;
    }

    /// <summary>What is wrong with a fingerprint that did not parse.</summary>
    public static string Problem(string text)
    {
        var parts = text.Split(':');
        if (parts.FirstOrDefault(p => !MacAddress.IsHexPair(p)) is { } bad)
        {
            return parts.Length == 1
                ? "it is not written as hexadecimal pairs separated by ':'"
                : $"'{bad}' is not a pair of hexadecimal digits";
        }

        return $"it has {parts.Length} pairs; a SHA-256 fingerprint has 32";
    }
}
