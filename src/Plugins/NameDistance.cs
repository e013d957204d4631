using PveAgent.Core.Registry.Validation;

namespace PveAgent.Plugins;

/// <summary>Edit distance for did-you-mean suggestions (case-insensitive; the best of several candidate spellings).</summary>
internal static class NameDistance
{
    public static int Between(string text, params string[] candidates) =>
        candidates.Length == 0 ? int.MaxValue : candidates.Min(c => DidYouMean.Distance(text.ToLowerInvariant(), c.ToLowerInvariant()));
}
