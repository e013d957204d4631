using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PveAgent.Core.Registry.Yaml;

/// <summary>The outcome of reading YAML text into a representation-model tree, keeping what the tree itself forgets.</summary>
internal sealed record ParsedYaml
{
    /// <summary>Root node of the first document; null for an empty file or malformed YAML.</summary>
    public YamlNode? Root { get; init; }

    /// <summary>The text that was parsed.</summary>
    public required string Text { get; init; }

    /// <summary>The syntax error, when the YAML is malformed (then <see cref="Root"/> is null).</summary>
    public YamlException? SyntaxError { get; init; }

    /// <summary>Keys written twice in one mapping; only the first occurrence is in the tree.</summary>
    public IReadOnlyList<DuplicateKey> Duplicates { get; init; } = [];

    /// <summary>Start mark of every document after the first (more than one document is a mistake in cluster.yaml).</summary>
    public IReadOnlyList<Mark> ExtraDocuments { get; init; } = [];

    /// <summary>Where each flow collection ends, by the character index of its start.</summary>
    public IReadOnlyDictionary<long, Mark> FlowEnds { get; init; } = new Dictionary<long, Mark>();
}
