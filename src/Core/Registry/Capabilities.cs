namespace PveAgent.Core.Registry;

/// <summary>The capability names PveAgent knows; custom ones are declared in <c>cluster.custom_capabilities</c>.</summary>
public static class Capabilities
{
    /// <summary>Large language model inference.</summary>
    public const string LlmInference = "llm-inference";

    /// <summary>Small language model inference (≤ ~8B parameters).</summary>
    public const string SmallLlmInference = "small-llm-inference";

    /// <summary>Light inference on CPUs.</summary>
    public const string LightweightInference = "lightweight-inference";

    /// <summary>Image generation (diffusion).</summary>
    public const string ImageGeneration = "image-generation";

    /// <summary>Video generation.</summary>
    public const string VideoGeneration = "video-generation";

    /// <summary>Model training or fine-tuning.</summary>
    public const string Training = "training";

    /// <summary>Speech to text (Whisper and similar).</summary>
    public const string SpeechToText = "speech-to-text";

    /// <summary>Text embeddings.</summary>
    public const string Embeddings = "embeddings";

    /// <summary>Data preprocessing.</summary>
    public const string Preprocessing = "preprocessing";

    /// <summary>Bulk storage.</summary>
    public const string Storage = "storage";

    /// <summary>Every built-in capability name.</summary>
    public static IReadOnlyList<string> Known { get; } =
    [
        LlmInference, SmallLlmInference, LightweightInference, ImageGeneration, VideoGeneration,
        Training, SpeechToText, Embeddings, Preprocessing, Storage,
    ];
}
