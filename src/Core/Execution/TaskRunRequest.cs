using PveAgent.Core.Routing;

namespace PveAgent.Core.Execution;

/// <summary>An AI task to run: what to route, the input, and optional limits.</summary>
public sealed record TaskRunRequest
{
    /// <summary>What to route: type, model, prompt (<see cref="TaskRequest.Input"/>), constraints.</summary>
    public required TaskRequest Task { get; init; }

    /// <summary>
    /// A file whose bytes are the audio (speech to text), or whose text becomes the prompt, or is appended to
    /// <see cref="TaskRequest.Input"/> after a blank line (text tasks).
    /// </summary>
    public string? InputFile { get; init; }

    /// <summary>A system prompt for chat tasks; null for none.</summary>
    public string? SystemPrompt { get; init; }

    /// <summary>Most tokens to generate; null leaves it to the server.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Spoken language for speech to text (<c>en</c>); null lets the server detect it.</summary>
    public string? Language { get; init; }

    /// <summary>A node to try first (a plan's choice) when it is still a candidate; the router's order otherwise.</summary>
    public string? PreferNode { get; init; }

    /// <summary>The service on <see cref="PreferNode"/> to try first.</summary>
    public string? PreferService { get; init; }
}
