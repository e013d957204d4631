using System.Globalization;
using System.Text.RegularExpressions;

namespace PveAgent.Core.Hardware;

/// <summary>
/// Sizes of the models PveAgent meets most (as typically deployed: 4-bit for the 70B class on consumer GPUs, Q4_K_M
/// for Ollama, BF16 for small vLLM models), and an estimate from the name (<c>…-8b…</c>) for the rest.
/// </summary>
public static partial class ModelCatalog
{
    private static readonly ModelProfile[] Known =
    [
        Text("llama-3.3-70b", 70.6, 39.5),
        Text("llama-3.1-70b", 70.6, 39.5),
        Text("qwen-2.5-32b", 32.8, 19.9),
        Text("qwen2.5:32b", 32.8, 19.9),
        Text("llama3.1:8b", 8.0, 4.9),
        Text("llama-3.1-8b-instruct", 8.0, 16.1),
        Text("llama3.2:3b", 3.2, 2.0),
        Text("llama-3.2-3b-instruct", 3.2, 6.4),
        Text("qwen2.5-1.5b-instruct", 1.5, 1.1),
        Text("qwen2.5:7b", 7.6, 4.7),
        Text("mistral-nemo", 12.2, 7.1),
        new() { Name = "nomic-embed-text", Kind = ModelKind.Embedding, ParametersBillions = 0.137, WeightsGb = 0.27 },
        new() { Name = "bge-large-en-v1.5", Kind = ModelKind.Embedding, ParametersBillions = 0.335, WeightsGb = 0.67 },
        new() { Name = "whisper-large-v3", Kind = ModelKind.SpeechToText, ParametersBillions = 1.55, WeightsGb = 3.1 },
        new() { Name = "whisper-small", Kind = ModelKind.SpeechToText, ParametersBillions = 0.244, WeightsGb = 0.49 },
        new() { Name = "sdxl", Kind = ModelKind.ImageGeneration, ParametersBillions = 3.5, WeightsGb = 6.9 },
        new() { Name = "flux.1-dev", Kind = ModelKind.ImageGeneration, ParametersBillions = 12, WeightsGb = 23.8 },
    ];

    /// <summary>Every model with known size.</summary>
    public static IReadOnlyList<ModelProfile> All => Known;

    /// <summary>Profile of a model by name; estimated from the parameter count in the name when unknown (7B at 4 bits when not even that).</summary>
    public static ModelProfile Find(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var known = Known.FirstOrDefault(m => Core.State.ModelNames.AreSame(m.Name, model));
        if (known is not null)
        {
            return known;
        }

        var kind = GuessKind(model);
        var match = ParameterCount().Match(model);
        var billions = match.Success ? double.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture) : 7.0;
        if (match.Success && match.Groups["unit"].Value.Equals("m", StringComparison.OrdinalIgnoreCase))
        {
            billions /= 1000;
        }

        // Ollama tags and GGUF default to ~4.8 bits per weight (Q4_K_M); full-precision names say so.
        var bytesPerParameter = model.Contains("fp16", StringComparison.OrdinalIgnoreCase) || model.Contains("bf16", StringComparison.OrdinalIgnoreCase) ? 2.0 : 0.6;
        return new ModelProfile
        {
            Name = model,
            Kind = kind,
            ParametersBillions = billions,
            WeightsGb = Math.Round(billions * bytesPerParameter, 2),
            IsEstimate = true,
        };
    }

    private static ModelKind GuessKind(string model)
    {
        var lower = model.ToLowerInvariant();
        return lower.Contains("whisper", StringComparison.Ordinal) ? ModelKind.SpeechToText
            : lower.Contains("embed", StringComparison.Ordinal) || lower.StartsWith("bge", StringComparison.Ordinal) || lower.Contains("e5-", StringComparison.Ordinal) ? ModelKind.Embedding
            : lower.Contains("diffusion", StringComparison.Ordinal) || lower.Contains("sdxl", StringComparison.Ordinal) || lower.Contains("flux", StringComparison.Ordinal) ? ModelKind.ImageGeneration
            : ModelKind.TextGeneration;
    }

    private static ModelProfile Text(string name, double billions, double gb) =>
        new() { Name = name, Kind = ModelKind.TextGeneration, ParametersBillions = billions, WeightsGb = gb };

    [GeneratedRegex(@"(?<![a-z0-9.])(?<n>\d+(?:\.\d+)?)\s*(?<unit>[bm])(?![a-z])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ParameterCount();
}
