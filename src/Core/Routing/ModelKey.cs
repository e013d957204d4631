namespace PveAgent.Core.Routing;

/// <summary>
/// The comparison key of a model name, with the same meaning as <see cref="State.ModelNames.AreSame"/> (case ignored,
/// an Ollama <c>:latest</c> tag ignored, a path prefix dropped), so names can be hashed instead of compared pairwise.
/// </summary>
internal static class ModelKey
{
    public static string Normalize(string name)
    {
        var span = name.AsSpan().Trim();
        if (span.EndsWith(":latest", StringComparison.OrdinalIgnoreCase))
        {
            span = span[..^":latest".Length];
        }

        var slash = span.LastIndexOf('/');
        if (slash >= 0)
        {
            span = span[(slash + 1)..];
        }

        return span.ToString().ToLowerInvariant();
    }
}
