using System.Text;

namespace PveAgent.Simulator.Inference;

/// <summary>
/// FNV-1a hashing of strings: stable across processes and .NET versions (unlike <see cref="string.GetHashCode()"/>),
/// so generated text, digests and ids are the same every time the simulator runs with the same seed.
/// </summary>
internal static class StableHash
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    public static ulong Of(params ReadOnlySpan<string> parts)
    {
        var hash = OffsetBasis;
        foreach (var part in parts)
        {
            foreach (var b in Encoding.UTF8.GetBytes(part))
            {
                hash = (hash ^ b) * Prime;
            }

            // A separator, so ("ab", "c") and ("a", "bc") differ.
            hash = (hash ^ 0x1F) * Prime;
        }

        return hash;
    }

    public static ulong Of(int seed, params ReadOnlySpan<string> parts) =>
        Mix(Of(parts) ^ (ulong)(uint)seed);

    /// <summary>Lower-case hex of <paramref name="length"/> characters drawn from the hash (extended deterministically).</summary>
    public static string Hex(ulong hash, int length)
    {
        var builder = new StringBuilder(length + 16);
        var state = hash;
        while (builder.Length < length)
        {
            state = Mix(state + 0x9E3779B97F4A7C15);
            builder.Append(state.ToString("x16", System.Globalization.CultureInfo.InvariantCulture));
        }

        return builder.ToString(0, length);
    }

    /// <summary>SplitMix64 finaliser: spreads the bits of a hash.</summary>
    public static ulong Mix(ulong value)
    {
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EB;
        return value ^ (value >> 31);
    }
}
