namespace PveAgent.Plugins;

/// <summary>A tool refused its input: what was wrong, how to fix it, and close matches when a name was not found.</summary>
/// <param name="Error">The problem and the fix, in one or two sentences.</param>
public sealed record ToolError(string Error) : ToolResult
{
    /// <summary>Close matches for an unknown or ambiguous name ("jellyfin (CT 105 on pve3)").</summary>
    public IReadOnlyList<string>? DidYouMean { get; init; }
}
