namespace PveAgent.Core.Registry;

/// <summary>Appends a node that the file does not declare yet to <c>nodes:</c> (creating the section when needed).</summary>
/// <param name="Node">The node to write; its defaults (count 1, telemetry over ssh …) are left out.</param>
public sealed record AddNodeChange(NodeConfig Node) : ClusterYamlChange;
