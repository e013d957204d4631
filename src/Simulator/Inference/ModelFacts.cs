using System.Globalization;
using PveAgent.Core.Hardware;

namespace PveAgent.Simulator.Inference;

/// <summary>
/// What the servers say about a model beyond its size: Ollama's <c>details</c> (family, parameter size, quantisation),
/// vLLM's <c>max_model_len</c>, llama.cpp's <c>meta</c>, embedding width. Guessed from the name the way the real
/// registries label these models; the sizes come from <see cref="ModelCatalog"/>.
/// </summary>
internal static class ModelFacts
{
    public static ModelProfile Profile(string model) => ModelCatalog.Find(model);

    /// <summary>Bytes of the weights file (Ollama <c>/api/tags</c> <c>size</c>).</summary>
    public static long WeightsBytes(string model) => (long)(Profile(model).WeightsGb * 1e9);

    /// <summary>Ollama's model family (<c>details.family</c>).</summary>
    public static string Family(string model)
    {
        var name = model.ToLowerInvariant();
        return name switch
        {
            _ when name.Contains("nomic", StringComparison.Ordinal) => "nomic-bert",
            _ when name.StartsWith("bge", StringComparison.Ordinal) || name.Contains("minilm", StringComparison.Ordinal) => "bert",
            _ when name.Contains("qwen", StringComparison.Ordinal) || name.Contains("deepseek-r1", StringComparison.Ordinal) => "qwen2",
            _ when name.Contains("gemma", StringComparison.Ordinal) => "gemma3",
            _ when name.Contains("phi", StringComparison.Ordinal) => "phi3",
            _ when name.Contains("whisper", StringComparison.Ordinal) => "whisper",
            _ => "llama",
        };
    }

    /// <summary>Ollama's <c>details.parameter_size</c>: <c>3.2B</c>, <c>137M</c>.</summary>
    public static string ParameterSize(string model)
    {
        var billions = Profile(model).ParametersBillions;
        return billions >= 1
            ? billions.ToString("0.0", CultureInfo.InvariantCulture) + "B"
            : Math.Round(billions * 1000).ToString(CultureInfo.InvariantCulture) + "M";
    }

    /// <summary>Ollama's <c>details.quantization_level</c>: embedding models ship in F16, chat models in Q4_K_M.</summary>
    public static string Quantization(string model) => Profile(model).Kind == ModelKind.Embedding ? "F16" : "Q4_K_M";

    /// <summary>Width of the vectors an embedding model returns.</summary>
    public static int EmbeddingDimensions(string model)
    {
        var name = model.ToLowerInvariant();
        return name switch
        {
            _ when name.Contains("large", StringComparison.Ordinal) || name.Contains("mxbai", StringComparison.Ordinal) => 1024,
            _ when name.Contains("small", StringComparison.Ordinal) || name.Contains("minilm", StringComparison.Ordinal) => 384,
            _ => 768,
        };
    }

    /// <summary>Context window the model was trained for (vLLM's <c>max_model_len</c> by default, llama.cpp's <c>n_ctx_train</c>).</summary>
    public static int TrainedContext(string model)
    {
        var name = model.ToLowerInvariant();
        return name switch
        {
            _ when Profile(model).Kind == ModelKind.Embedding => name.Contains("nomic", StringComparison.Ordinal) ? 8192 : 512,
            _ when Profile(model).Kind == ModelKind.SpeechToText => 448,
            _ when name.Contains("llama-3.1", StringComparison.Ordinal) || name.Contains("llama3.1", StringComparison.Ordinal)
                || name.Contains("llama-3.2", StringComparison.Ordinal) || name.Contains("llama3.2", StringComparison.Ordinal)
                || name.Contains("llama-3.3", StringComparison.Ordinal) || name.Contains("llama3.3", StringComparison.Ordinal) => 131072,
            _ when name.Contains("qwen", StringComparison.Ordinal) || name.Contains("mistral", StringComparison.Ordinal) => 32768,
            _ => 8192,
        };
    }

    /// <summary>Hidden size (llama.cpp <c>meta.n_embd</c>), from the parameter count.</summary>
    public static int HiddenSize(string model)
    {
        var billions = Profile(model).ParametersBillions;
        return billions switch
        {
            >= 60 => 8192,
            >= 25 => 5120,
            >= 10 => 5120,
            >= 6 => 4096,
            >= 2.5 => 3072,
            >= 1 => 1536,
            _ => 1024,
        };
    }

    /// <summary>Vocabulary size (llama.cpp <c>meta.n_vocab</c>).</summary>
    public static int VocabularySize(string model) => Family(model) switch
    {
        "qwen2" => 151936,
        "llama" => 128256,
        "gemma3" => 262144,
        _ => 32000,
    };
}
