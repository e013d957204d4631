namespace PveAgent.Core.Routing;

/// <summary>How much work a task is, so the router can estimate its duration on each accelerator; unknown parts use the defaults.</summary>
public sealed record TaskSize
{
    /// <summary>Sizes used when a task says nothing: a 512-token prompt, 256 tokens out, a minute of audio, 30 diffusion steps, a one-minute job.</summary>
    public static TaskSize Default { get; } = new();

    /// <summary>Prompt (or embedding input) tokens; estimated from the input text when null (≈ 4 characters a token).</summary>
    public int? PromptTokens { get; init; }

    /// <summary>Tokens to generate (default 256).</summary>
    public int OutputTokens { get; init; } = 256;

    /// <summary>Seconds of audio to transcribe (default 60).</summary>
    public double AudioSeconds { get; init; } = 60;

    /// <summary>Diffusion steps per image (default 30); a video is 16 frames of them.</summary>
    public int ImageSteps { get; init; } = 30;

    /// <summary>Expected run time of a job (training, preprocessing, custom) on an idle node, in seconds (default 60).</summary>
    public double JobSeconds { get; init; } = 60;
}
