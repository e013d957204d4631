namespace PveAgent.Core.Registry;

/// <summary>Adds or replaces the <c>accelerators:</c> list of an existing node (what <c>discover --write</c> found).</summary>
/// <param name="NodeName">The node, matched without regard to case.</param>
/// <param name="Accelerators">The complete new list; empty writes <c>accelerators: []</c>.</param>
public sealed record SetAcceleratorsChange(string NodeName, IReadOnlyList<AcceleratorConfig> Accelerators) : ClusterYamlChange;
