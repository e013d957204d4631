namespace PveAgent.Core.State;

/// <summary>Compares model names the way people and servers write them.</summary>
public static class ModelNames
{
    /// <summary>
    /// True when both names mean the same model: case-insensitive, an Ollama <c>:latest</c> tag ignored, and a
    /// path prefix (vLLM serves <c>meta-llama/Llama-3.3-70B</c>) matched by its last segment.
    /// </summary>
    public static bool AreSame(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return string.Equals(Normalize(a), Normalize(b), StringComparison.OrdinalIgnoreCase);
    }

    private static string Normalize(string name)
    {
        var trimmed = name.Trim();
        if (trimmed.EndsWith(":latest", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed[..^":latest".Length];
        }

        var slash = trimmed.LastIndexOf('/');
        return slash >= 0 ? trimmed[(slash + 1)..] : trimmed;
    }
}
