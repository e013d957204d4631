using PveAgent.Core.Registry;
using PveAgent.Core.Routing;
using PveAgent.Guardrails;

namespace PveAgent.Cli.Composition;

/// <summary>The cluster.yaml sections beyond the built-in ones (cluster, proxmox, nodes), contributed by each feature.</summary>
internal static class SectionBinders
{
    public static IReadOnlyList<IConfigSectionBinder> All { get; } = [new RoutingSectionBinder(), new GuardrailsSectionBinder(), new Kernel.Configuration.AgentSectionBinder()];
}
