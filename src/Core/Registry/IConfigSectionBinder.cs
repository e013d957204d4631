using YamlDotNet.RepresentationModel;

namespace PveAgent.Core.Registry;

/// <summary>
/// Reads one top-level section of <c>cluster.yaml</c> (<c>cluster:</c>, <c>nodes:</c>, later <c>routing:</c>,
/// <c>guardrails:</c>, <c>agent:</c> …). This is the extension point of the loader: to add a section, write a binder
/// and pass it to <see cref="ClusterConfigLoader(IEnumerable{IConfigSectionBinder})"/>; a top-level key no binder
/// claims is reported as unknown.
/// </summary>
/// <remarks>
/// Binders run in registration order (built-in ones first: cluster, proxmox, nodes), so a binder can read the
/// values earlier ones stored with <see cref="ConfigBindingContext.GetSection{T}"/>. A binder reports every problem
/// it finds through the context instead of stopping at the first, and stores its result with
/// <see cref="ConfigBindingContext.SetSection{T}"/>; users read it back with <see cref="ClusterConfig.Sections"/>.
/// </remarks>
public interface IConfigSectionBinder
{
    /// <summary>The top-level key this binder claims, e.g. <c>routing</c>.</summary>
    string SectionName { get; }

    /// <summary>Reads the section's value (null when the file has no such key) and reports its problems.</summary>
    void Bind(YamlNode? section, ConfigBindingContext context);
}
