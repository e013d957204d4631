using PveAgent.Core.State;

namespace PveAgent.Plugins;

/// <summary>Finds the node a person means: exact name or unique prefix, case-insensitive ("node brian", "Brian", "edge").</summary>
public static class NodeResolver
{
    /// <summary>Resolves <paramref name="text"/> against <paramref name="snapshot"/>; on failure <paramref name="error"/> lists the nodes.</summary>
    public static bool TryResolve(ClusterSnapshot snapshot, string? text, out NodeState node, out ToolError error)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        node = null!;
        error = null!;
        var words = (text ?? "").Trim().Trim('"', '\'').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var core = string.Join(' ', words.Where(w => !w.Equals("node", StringComparison.OrdinalIgnoreCase) && !w.Equals("the", StringComparison.OrdinalIgnoreCase)));
        if (core.Length == 0)
        {
            error = new ToolError($"No node given: name one of {string.Join(", ", snapshot.Nodes.Select(n => n.Name))}.");
            return false;
        }

        if (snapshot.FindNode(core) is { } exact)
        {
            node = exact;
            return true;
        }

        var prefixed = snapshot.Nodes.Where(n => n.Name.StartsWith(core, StringComparison.OrdinalIgnoreCase)).ToList();
        if (prefixed.Count == 1)
        {
            node = prefixed[0];
            return true;
        }

        // Only names that look like a slip of this one: the message already lists every node.
        var nearest = snapshot.Nodes
            .Select(n => (n.Name, Distance: NameDistance.Between(core, n.Name)))
            .Where(n => n.Distance <= Math.Clamp(n.Name.Length / 3, 1, 3))
            .OrderBy(n => n.Distance)
            .ThenBy(n => n.Name, StringComparer.Ordinal)
            .Select(n => n.Name)
            .ToList();
        error = prefixed.Count > 1
            ? new ToolError($"'{core}' matches several nodes: give the full name.") { DidYouMean = [.. prefixed.Select(n => n.Name)] }
            : new ToolError($"No node is named '{core}'. The nodes are {string.Join(", ", snapshot.Nodes.Select(n => n.Name))}.") { DidYouMean = nearest.Count == 0 ? null : nearest.Take(3).ToList() };
        return false;
    }
}
