namespace PveAgent.Simulator.Proxmox;

/// <summary>
/// Reproducible pseudo-random numbers keyed by (seed, name, bucket), so figures that "move" with time are the same in every
/// process that looks at the same instant (the CLI runs one process per command).
/// </summary>
internal static class DeterministicNoise
{
    /// <summary>A value in [0, 1) for the key.</summary>
    public static double Unit(int seed, string key, long bucket = 0)
    {
        var hash = Mix((ulong)(uint)seed ^ Fnv(key) ^ ((ulong)bucket * 0x9E3779B97F4A7C15UL));
        return (hash >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>An integer in [min, max).</summary>
    public static int Range(int seed, string key, int min, int max) => min + (int)(Unit(seed, key) * (max - min));

    /// <summary>
    /// A smooth signal around <paramref name="mean"/>: a slow sinusoid (period 40–80 min, phase per key) plus noise that
    /// changes every 10 s — PVE's own statistics refresh interval.
    /// </summary>
    public static double Wave(int seed, string key, DateTimeOffset at, double mean, double amplitude, double noise)
    {
        var seconds = at.ToUnixTimeSeconds();
        var period = 2400 + (Unit(seed, key + "#period") * 2400);
        var phase = Unit(seed, key + "#phase") * 2 * Math.PI;
        var slow = Math.Sin((2 * Math.PI * seconds / period) + phase);
        var jitter = (Unit(seed, key, seconds / 10) * 2) - 1;
        return mean + (amplitude * slow) + (noise * jitter);
    }

    private static ulong Fnv(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
