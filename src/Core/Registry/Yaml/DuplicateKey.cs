using YamlDotNet.Core;

namespace PveAgent.Core.Registry.Yaml;

/// <summary>A mapping key written twice; the second occurrence was dropped from the tree.</summary>
/// <param name="Key">The repeated key.</param>
/// <param name="At">Where the repeated key is.</param>
/// <param name="FirstAt">Where the key was first written.</param>
/// <param name="ParentPath">Keys (and <c>[i]</c> list indexes) leading to the mapping that holds the key.</param>
internal sealed record DuplicateKey(string Key, Mark At, Mark FirstAt, IReadOnlyList<string> ParentPath);
