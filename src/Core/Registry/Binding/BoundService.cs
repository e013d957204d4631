using YamlDotNet.RepresentationModel;

namespace PveAgent.Core.Registry.Binding;

/// <summary>A bound service and the node its endpoint was read from (where a port clash is reported).</summary>
internal sealed record BoundService(ServiceConfig Config, YamlNode EndpointAt);
