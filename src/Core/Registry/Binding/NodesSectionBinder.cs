using YamlDotNet.RepresentationModel;

namespace PveAgent.Core.Registry.Binding;

/// <summary>Binds <c>nodes:</c> into the list of <see cref="NodeConfig"/>, one <see cref="NodeBinder"/> call per node.</summary>
internal sealed class NodesSectionBinder : IConfigSectionBinder
{
    public string SectionName => "nodes";

    public void Bind(YamlNode? section, ConfigBindingContext context)
    {
        var nodes = BindNodes(section, context);
        if (nodes.Count == 0 && !context.HasErrors)
        {
            context.ReportWarning(context.SectionKey("nodes") ?? (YamlNode)context.Root, "no nodes are declared",
                "list your Proxmox nodes under 'nodes:' (host, accelerators, capabilities), or let `pve-agent discover --write` add them");
        }

        context.SetSection<IReadOnlyList<NodeConfig>>(nodes);
    }

    private static List<NodeConfig> BindNodes(YamlNode? section, ConfigBindingContext context)
    {
        if (section is null || ConfigBindingContext.IsNull(section)
            || context.ReadMapping(section, "'nodes'", knownKeys: null, anchor: context.SectionKey("nodes")) is not { } mapping)
        {
            return [];
        }

        var settings = context.GetSection<ClusterSettings>() ?? new ClusterSettings { Name = "" };
        var names = mapping.Entries.Select(e => e.Key.Value!).ToList();
        var seen = new Dictionary<string, YamlScalarNode>(StringComparer.OrdinalIgnoreCase);
        var nodes = new List<NodeConfig>(names.Count);
        foreach (var (key, value) in mapping.Entries)
        {
            if (seen.TryGetValue(key.Value!, out var first))
            {
                context.ReportError(key, $"node '{key.Value}' differs from node '{first.Value}' (line {first.Start.Line}) only in letter case",
                    "node names are matched without regard to case; rename one of them or merge the two");
                continue;
            }

            seen[key.Value!] = key;
            if (NodeBinder.Bind(key, value, names, settings, context) is { } node)
            {
                nodes.Add(node);
            }
        }

        return nodes;
    }
}
