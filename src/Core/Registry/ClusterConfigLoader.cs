using PveAgent.Core.Registry.Binding;
using PveAgent.Core.Registry.Validation;
using PveAgent.Core.Registry.Yaml;
using YamlDotNet.RepresentationModel;

namespace PveAgent.Core.Registry;

/// <summary>
/// Loads and validates <c>cluster.yaml</c>, reporting every problem with file, line and column. The file is read
/// section by section: each top-level key is claimed by one <see cref="IConfigSectionBinder"/> (built in:
/// <c>cluster</c>, <c>proxmox</c>, <c>nodes</c>); add binders through the constructor for new sections.
/// </summary>
public sealed class ClusterConfigLoader
{
    private readonly IReadOnlyList<IConfigSectionBinder> _binders;

    /// <summary>A loader for the built-in sections.</summary>
    public ClusterConfigLoader()
        : this([])
    {
    }

    /// <summary>A loader for the built-in sections plus <paramref name="additionalBinders"/>, which run after them in the given order.</summary>
    /// <exception cref="ArgumentException">Two binders claim the same section.</exception>
    public ClusterConfigLoader(IEnumerable<IConfigSectionBinder> additionalBinders)
    {
        ArgumentNullException.ThrowIfNull(additionalBinders);
        List<IConfigSectionBinder> binders = [new ClusterSectionBinder(), new ProxmoxSectionBinder(), new NodesSectionBinder(), .. additionalBinders];
        if (binders.GroupBy(b => b.SectionName, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } clash)
        {
            throw new ArgumentException($"More than one binder claims the section '{clash.Key}'.", nameof(additionalBinders));
        }

        _binders = binders;
    }

    /// <summary>The top-level keys this loader accepts, in binding order.</summary>
    public IReadOnlyList<string> SectionNames => [.. _binders.Select(b => b.SectionName)];

    /// <summary>Parses and validates <paramref name="yamlText"/>; <paramref name="sourcePath"/> names the file in diagnostics.</summary>
    public LoadResult Load(string yamlText, string sourcePath)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        ArgumentNullException.ThrowIfNull(sourcePath);

        var parsed = YamlDocumentParser.Parse(yamlText);
        if (parsed.SyntaxError is { } syntaxError)
        {
            return Failed(SyntaxErrors.ToDiagnostic(syntaxError, yamlText, sourcePath));
        }

        if (parsed.Root is not { } root)
        {
            return Failed(new ConfigDiagnostic
            {
                Severity = ConfigSeverity.Error,
                File = sourcePath,
                Message = "the configuration file is empty",
                Hint = "start from the sample cluster.yaml in the PveAgent repository (it has 'simulate: true', so it works without a Proxmox host)",
            });
        }

        if (root is not YamlMappingNode mapping)
        {
            return Failed(new ConfigDiagnostic
            {
                Severity = ConfigSeverity.Error,
                File = sourcePath,
                Line = (int)root.Start.Line,
                Column = (int)root.Start.Column,
                Message = $"expected top-level sections ({string.Join(", ", SectionNames.Select(n => n + ":"))}), got {ConfigBindingContext.Describe(root)}",
                Hint = "start the file with 'cluster:' and 'nodes:' at the beginning of their lines",
            });
        }

        var context = new ConfigBindingContext(sourcePath, mapping);
        ReportStructure(parsed, context);
        var claimed = SectionNames;
        foreach (var key in mapping.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!claimed.Contains(name))
            {
                context.ReportError(key, $"unknown top-level section '{name}'", DidYouMean.Hint(name, claimed, listIntro: "known sections are"));
            }
        }

        foreach (var binder in _binders)
        {
            var section = mapping.Children.FirstOrDefault(e => e.Key is YamlScalarNode { Value: var k } && k == binder.SectionName).Value;
            binder.Bind(section, context);
        }

        var diagnostics = context.Diagnostics.OrderBy(d => d.Line).ThenBy(d => d.Column).ToList();
        if (diagnostics.Any(d => d.IsError))
        {
            return new LoadResult { Diagnostics = diagnostics };
        }

        var config = new ClusterConfig
        {
            Cluster = context.GetSection<ClusterSettings>()!,
            Proxmox = context.GetSection<ProxmoxConnectionConfig>(),
            Nodes = context.GetSection<IReadOnlyList<NodeConfig>>() ?? [],
            SourcePath = sourcePath,
            SourceMap = ConfigSourceMap.Build(parsed),
            Sections = new ConfigSections(new Dictionary<Type, object>(context.Sections)),
        };
        return new LoadResult { Config = config, Diagnostics = diagnostics };

        LoadResult Failed(ConfigDiagnostic diagnostic) => new() { Diagnostics = [diagnostic] };
    }

    /// <summary>Reads and validates the file at <paramref name="path"/>; a missing or unreadable file is a diagnostic, not an exception.</summary>
    public async Task<LoadResult> LoadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return FileProblem(path, "configuration file not found",
                "create one with `pve-agent init` (the sample home lab, simulated), "
                + $"or name another file with --config <path> or {ConfigPathResolver.EnvironmentVariable}");
        }
        catch (UnauthorizedAccessException)
        {
            return FileProblem(path, "cannot read the configuration file: permission denied", "check the file's permissions (ls -l) and its owner");
        }
        catch (IOException exception)
        {
            return FileProblem(path, $"cannot read the configuration file: {exception.Message}", "check that the path names a readable file");
        }

        return Load(text, path);
    }

    private static LoadResult FileProblem(string path, string message, string hint) =>
        new() { Diagnostics = [new ConfigDiagnostic { Severity = ConfigSeverity.Error, File = path, Message = message, Hint = hint }] };

    private static void ReportStructure(ParsedYaml parsed, ConfigBindingContext context)
    {
        foreach (var duplicate in parsed.Duplicates)
        {
            var first = duplicate.FirstAt.Line;
            if (duplicate.ParentPath is ["nodes"])
            {
                context.Report(ConfigSeverity.Error, duplicate.At, $"duplicate node '{duplicate.Key}': it is already defined at line {first}",
                    "rename one of them, or merge their settings into one entry");
            }
            else
            {
                var where = duplicate.ParentPath.Count == 0 ? "at the top level" : $"in '{string.Join('.', duplicate.ParentPath).Replace(".[", "[", StringComparison.Ordinal)}'";
                context.Report(ConfigSeverity.Error, duplicate.At, $"duplicate key '{duplicate.Key}' {where}: it is already set at line {first}",
                    "remove one of the two entries");
            }
        }

        foreach (var extra in parsed.ExtraDocuments)
        {
            context.Report(ConfigSeverity.Error, extra, "a second YAML document starts here; cluster.yaml holds exactly one",
                "remove the '---' separator and merge the two parts");
        }
    }
}
