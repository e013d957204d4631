namespace PveAgent.Core.Hardware;

/// <summary>
/// First-order estimates of how long AI work takes on an accelerator: token generation is bound by memory bandwidth
/// (every token reads all weights once), prompt processing and diffusion by compute, loading by the disk-to-device path.
/// Pure functions, shared by the router, the request simulator and the policy simulator.
/// </summary>
public static class PerformanceModel
{
    /// <summary>Fixed start-up cost of loading any model (process, CUDA/TT context, tokenizer), seconds.</summary>
    public const double LoadOverheadSeconds = 2.0;

    /// <summary>Seconds to load <paramref name="model"/> onto <paramref name="devices"/> devices of <paramref name="profile"/>.</summary>
    public static double LoadSeconds(ModelProfile model, AcceleratorProfile profile, int devices = 1)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(profile);
        // Shards load in parallel, but from one disk: the disk path caps the speed-up at 2x.
        var rate = profile.LoadGbps * Math.Min(Math.Max(devices, 1), 2);
        return LoadOverheadSeconds + (model.WeightsGb / rate);
    }

    /// <summary>Tokens per second one request sees while generating, with <paramref name="devices"/> devices in tensor parallel.</summary>
    public static double DecodeTokensPerSecond(ModelProfile model, AcceleratorProfile profile, int devices = 1)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(profile);
        // Tensor parallelism scales bandwidth sub-linearly (all-reduce over PCIe on consumer boards).
        var scaling = devices <= 1 ? 1.0 : 1 + ((devices - 1) * 0.75);
        return Math.Max(0.5, profile.DecodeEfficiency * profile.MemoryBandwidthGbps * scaling / Math.Max(model.WeightsGb, 0.05));
    }

    /// <summary>Prompt tokens per second (compute bound: ~2 FLOPs per parameter per token at ~40 % utilisation).</summary>
    public static double PrefillTokensPerSecond(ModelProfile model, AcceleratorProfile profile, int devices = 1)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(profile);
        var flops = profile.Fp16Tflops * 1e12 * 0.4 * Math.Max(devices, 1);
        return flops / (2 * model.ParametersBillions * 1e9);
    }

    /// <summary>Seconds for one text-generation request on an otherwise idle device.</summary>
    public static double GenerationSeconds(ModelProfile model, AcceleratorProfile profile, int promptTokens, int outputTokens, int devices = 1) =>
        (promptTokens / PrefillTokensPerSecond(model, profile, devices)) + (outputTokens / DecodeTokensPerSecond(model, profile, devices));

    /// <summary>Seconds to transcribe <paramref name="audioSeconds"/> of audio (encoder compute bound, decoder bandwidth bound).</summary>
    public static double TranscriptionSeconds(ModelProfile model, AcceleratorProfile profile, double audioSeconds, int devices = 1)
    {
        // About 2.5 output tokens per second of speech; the encoder sees 50 frames per second of audio.
        var decode = audioSeconds * 2.5 / DecodeTokensPerSecond(model, profile, devices);
        var encode = audioSeconds * 50 / PrefillTokensPerSecond(model, profile, devices);
        return 0.2 + decode + encode;
    }

    /// <summary>Seconds to embed <paramref name="tokens"/> tokens (one forward pass, compute bound).</summary>
    public static double EmbeddingSeconds(ModelProfile model, AcceleratorProfile profile, int tokens, int devices = 1) =>
        0.01 + (tokens / PrefillTokensPerSecond(model, profile, devices));

    /// <summary>Seconds for one diffusion image (≈ 30 steps at 1024², compute bound).</summary>
    public static double ImageSeconds(ModelProfile model, AcceleratorProfile profile, int steps = 30, int devices = 1)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(profile);
        // A 1024x1024 SDXL step is ~ 2.4 TFLOP per billion parameters at 40 % utilisation.
        var perStep = model.ParametersBillions * 2.4e12 / (profile.Fp16Tflops * 1e12 * 0.4 * Math.Max(devices, 1));
        return 0.5 + (steps * perStep);
    }

    /// <summary>Devices of <paramref name="profile"/> needed to hold <paramref name="model"/> (0 when it cannot fit even on <paramref name="available"/>).</summary>
    public static int DevicesNeeded(ModelProfile model, AcceleratorProfile profile, int available, double nodeRamGb = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(profile);
        var perDevice = profile.MemoryGb > 0 ? profile.MemoryGb : nodeRamGb;
        if (perDevice <= 0)
        {
            return 0;
        }

        var needed = (int)Math.Ceiling(model.ServingMemoryGb / perDevice);
        return needed <= Math.Max(available, 1) ? Math.Max(needed, 1) : 0;
    }
}
