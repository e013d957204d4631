using PveAgent.Core.Registry;

namespace PveAgent.Core.Hardware;

/// <summary>
/// The accelerator figures PveAgent knows (vendor data sheets: memory size and bandwidth, FP16 TFLOPS, board power),
/// with one conservative default per family for models it does not recognise.
/// </summary>
public static class AcceleratorProfiles
{
    private static readonly AcceleratorProfile[] Known =
    [
        Gpu("RTX 3090", 24, 936, 71, 25, 350, ["3090"]),
        Gpu("RTX 3090 Ti", 24, 1008, 80, 25, 450, ["3090ti"]),
        Gpu("RTX 4090", 24, 1008, 165, 20, 450, ["4090"]),
        Gpu("RTX 3080", 10, 760, 59, 20, 320, ["3080"]),
        Gpu("RTX 3060", 12, 360, 25, 15, 170, ["3060"]),
        Gpu("RTX A6000", 48, 768, 77, 25, 300, ["a6000"]),
        Gpu("A10G", 24, 600, 70, 20, 300, ["a10g"]),
        Gpu("A100 80GB", 80, 2039, 312, 50, 400, ["a10080gb", "a100sxm480gb", "a100pcie80gb"]),
        Gpu("A100 40GB", 40, 1555, 312, 50, 400, ["a100", "a10040gb"]),
        Gpu("Tesla T4", 16, 320, 65, 10, 70, ["teslat4"]),
        Gpu("Tesla P100", 16, 732, 19, 25, 250, ["teslap100"]),
        new() { Kind = AcceleratorKind.Tenstorrent, Name = "wormhole-n150", MemoryGb = 12, MemoryBandwidthGbps = 288, Fp16Tflops = 74, IdleWatts = 20, MaxWatts = 160, ConcurrentStreams = 8, LoadGbps = 1.5, DecodeEfficiency = 0.45, Aliases = ["wormholen150", "n150"] },
        new() { Kind = AcceleratorKind.Tenstorrent, Name = "wormhole-n300", MemoryGb = 24, MemoryBandwidthGbps = 576, Fp16Tflops = 131, IdleWatts = 35, MaxWatts = 300, ConcurrentStreams = 16, LoadGbps = 1.5, DecodeEfficiency = 0.45, Aliases = ["wormholen300", "n300"] },
        new() { Kind = AcceleratorKind.Tenstorrent, Name = "blackhole-p100a", MemoryGb = 28, MemoryBandwidthGbps = 448, Fp16Tflops = 97, IdleWatts = 30, MaxWatts = 300, ConcurrentStreams = 16, LoadGbps = 3, DecodeEfficiency = 0.45, Aliases = ["blackholep100a", "p100a"] },
        new() { Kind = AcceleratorKind.Tenstorrent, Name = "blackhole-p150a", MemoryGb = 32, MemoryBandwidthGbps = 512, Fp16Tflops = 97, IdleWatts = 30, MaxWatts = 300, ConcurrentStreams = 16, LoadGbps = 3, DecodeEfficiency = 0.45, Aliases = ["blackholep150", "p150"] },
        new() { Kind = AcceleratorKind.Amd, Name = "RX 7900 XTX", MemoryGb = 24, MemoryBandwidthGbps = 960, Fp16Tflops = 61, IdleWatts = 20, MaxWatts = 355, ConcurrentStreams = 16, LoadGbps = 3, DecodeEfficiency = 0.5, Aliases = ["7900xtx"] },
    ];

    private static readonly AcceleratorProfile CpuDefault = new()
    {
        Kind = AcceleratorKind.Cpu, Name = "cpu", MemoryGb = 0, MemoryBandwidthGbps = 50, Fp16Tflops = 1.5,
        IdleWatts = 0, MaxWatts = 0, ConcurrentStreams = 2, LoadGbps = 2, DecodeEfficiency = 0.5, IsEstimate = true,
    };

    /// <summary>Every profile with published figures.</summary>
    public static IReadOnlyList<AcceleratorProfile> All => Known;

    /// <summary>The CPU profile (node RAM, DDR4/5-class bandwidth); CPU power is the node's own figure.</summary>
    public static AcceleratorProfile Cpu => CpuDefault;

    /// <summary>Finds the profile of an accelerator as written in cluster.yaml or reported by telemetry; a family default when unknown.</summary>
    public static AcceleratorProfile Find(AcceleratorKind kind, string? model)
    {
        if (kind == AcceleratorKind.Cpu)
        {
            return CpuDefault;
        }

        var key = Normalize(model ?? "");
        if (key.Length > 0)
        {
            // Longest alias first, so "3090ti" wins over "3090" and "a10080gb" over "a100".
            var match = Known
                .Where(p => p.Kind == kind)
                .SelectMany(p => Keys(p).Select(k => (Profile: p, Key: k)))
                .Where(x => key.Contains(x.Key, StringComparison.Ordinal))
                .OrderByDescending(x => x.Key.Length)
                .FirstOrDefault();
            if (match.Profile is not null)
            {
                return match.Profile;
            }
        }

        return FamilyDefault(kind);
    }

    private static AcceleratorProfile FamilyDefault(AcceleratorKind kind) => kind switch
    {
        AcceleratorKind.Nvidia => Known[0] with { Name = "nvidia (unrecognised)", MemoryGb = 16, MemoryBandwidthGbps = 500, Fp16Tflops = 40, IsEstimate = true },
        AcceleratorKind.Tenstorrent => Known.First(p => p.Name == "wormhole-n150") with { Name = "tenstorrent (unrecognised)", IsEstimate = true },
        AcceleratorKind.Amd => Known.First(p => p.Kind == AcceleratorKind.Amd) with { Name = "amd (unrecognised)", MemoryGb = 16, MemoryBandwidthGbps = 500, IsEstimate = true },
        AcceleratorKind.Fpga => new AcceleratorProfile
        {
            Kind = AcceleratorKind.Fpga, Name = "fpga (unrecognised)", MemoryGb = 8, MemoryBandwidthGbps = 77, Fp16Tflops = 10,
            IdleWatts = 20, MaxWatts = 75, ConcurrentStreams = 2, LoadGbps = 1, DecodeEfficiency = 0.3, IsEstimate = true,
        },
        _ => CpuDefault,
    };

    private static AcceleratorProfile Gpu(string name, double memoryGb, double bandwidth, double tflops, double idle, double max, string[] aliases) => new()
    {
        Kind = AcceleratorKind.Nvidia,
        Name = name,
        MemoryGb = memoryGb,
        MemoryBandwidthGbps = bandwidth,
        Fp16Tflops = tflops,
        IdleWatts = idle,
        MaxWatts = max,
        ConcurrentStreams = 32,
        LoadGbps = 3,
        DecodeEfficiency = 0.6,
        Aliases = aliases,
    };

    private static IEnumerable<string> Keys(AcceleratorProfile profile) =>
        profile.Aliases.Count > 0 ? profile.Aliases : [Normalize(profile.Name)];

    private static string Normalize(string model)
    {
        Span<char> buffer = stackalloc char[model.Length];
        var length = 0;
        foreach (var c in model)
        {
            if (char.IsLetterOrDigit(c))
            {
                buffer[length++] = char.ToLowerInvariant(c);
            }
        }

        return new string(buffer[..length])
            .Replace("geforce", "", StringComparison.Ordinal)
            .Replace("nvidia", "", StringComparison.Ordinal)
            .Replace("rtx", "", StringComparison.Ordinal);
    }
}
