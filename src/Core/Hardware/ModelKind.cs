namespace PveAgent.Core.Hardware;

/// <summary>What a model does, which decides how its work is measured.</summary>
public enum ModelKind
{
    /// <summary>Generates text token by token.</summary>
    TextGeneration,

    /// <summary>Turns text into vectors in one forward pass.</summary>
    Embedding,

    /// <summary>Transcribes audio.</summary>
    SpeechToText,

    /// <summary>Generates images by diffusion steps.</summary>
    ImageGeneration,
}
