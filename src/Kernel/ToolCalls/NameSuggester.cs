using PveAgent.Core.Registry.Validation;

namespace PveAgent.Kernel.ToolCalls;

/// <summary>Finds the declared tool names closest to a name the model made up, for "did you mean" corrections.</summary>
internal static class NameSuggester
{
    /// <summary>Up to three declared names close to <paramref name="name"/>, closest first.</summary>
    public static IReadOnlyList<string> Suggest(string name, IEnumerable<string> known)
    {
        var wanted = Normalise(name);
        var lastSegment = Normalise(name[(name.LastIndexOfAny(['.', '/', ':']) + 1)..]);
        return [.. known
            .Select(k => (Name: k, Normalised: Normalise(k)))
            .Select(k => (k.Name,
                Distance: Math.Min(DidYouMean.Distance(wanted, k.Normalised), DidYouMean.Distance(lastSegment, k.Normalised)),
                Close: DidYouMean.Distance(wanted, k.Normalised) <= Tolerance(wanted, k.Normalised) || DidYouMean.Distance(lastSegment, k.Normalised) <= Tolerance(lastSegment, k.Normalised),
                Contains: wanted.Length >= 3 && k.Normalised.Contains(wanted, StringComparison.Ordinal)
                    || k.Normalised.Length >= 4 && wanted.Contains(k.Normalised, StringComparison.Ordinal)))
            .Where(k => k.Contains || k.Close)
            .OrderBy(k => k.Distance)
            .ThenBy(k => k.Name, StringComparer.Ordinal)
            .Take(3)
            .Select(k => k.Name)];
    }

    // One edit per three characters of the shorter name, at least one: "get_wether" is close to "get_weather", "web_search" is not to "weather".
    private static int Tolerance(string a, string b) => Math.Max(1, Math.Min(a.Length, b.Length) / 3);

    private static string Normalise(string name) => name.ToLowerInvariant().Replace('-', '_').Replace(' ', '_');
}
