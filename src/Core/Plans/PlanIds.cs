using System.Buffers;
using System.Security.Cryptography;

namespace PveAgent.Core.Plans;

/// <summary>Plan ids people can type: <c>p-</c> and six random hexadecimal digits (<c>p-3f9a1c</c>).</summary>
public static class PlanIds
{
    /// <summary>What every plan id starts with.</summary>
    public const string Prefix = "p-";

    /// <summary>Number of hexadecimal digits after the prefix.</summary>
    public const int HexDigits = 6;

    private static readonly SearchValues<char> Hex = SearchValues.Create("0123456789abcdef");

    /// <summary>A new random id (not checked for uniqueness: <see cref="PlanStore.NewPlanIdAsync"/> does that).</summary>
    public static string New()
    {
        Span<byte> bytes = stackalloc byte[HexDigits / 2];
        RandomNumberGenerator.Fill(bytes);
        return Prefix + Convert.ToHexStringLower(bytes);
    }

    /// <summary>True for a complete, well-formed id.</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: 8 } && id.StartsWith(Prefix, StringComparison.Ordinal) && id.AsSpan(2).ContainsAnyExcept(Hex) is false;

    /// <summary>
    /// What a person typed, as an id prefix: trimmed, lower-cased, with <c>p-</c> added when missing ("3F9" → "p-3f9");
    /// null when it cannot be the start of an id.
    /// </summary>
    public static string? NormalizePrefix(string? typed)
    {
        var text = typed?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            text = Prefix + text;
        }

        var hex = text.AsSpan(Prefix.Length);
        return hex.Length <= HexDigits && !hex.ContainsAnyExcept(Hex) ? text : null;
    }
}
