namespace PveAgent.Core.Registry;

/// <summary>The configuration file to load and the rule that chose it.</summary>
/// <param name="Path">The path, as given (relative paths are relative to the working directory).</param>
/// <param name="Source">The rule that chose it.</param>
public sealed record ResolvedConfigPath(string Path, ConfigPathSource Source)
{
    /// <summary>Why this file, for messages: <c>cluster.yaml (default: ./cluster.yaml)</c>.</summary>
    public string Description => Source switch
    {
        ConfigPathSource.CommandLine => $"{Path} (from --config)",
        ConfigPathSource.EnvironmentVariable => $"{Path} (from ${ConfigPathResolver.EnvironmentVariable})",
        _ => $"{Path} (default: ./{ConfigPathResolver.DefaultFileName}; choose another with --config or ${ConfigPathResolver.EnvironmentVariable})",
    };
}
