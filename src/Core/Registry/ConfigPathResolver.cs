namespace PveAgent.Core.Registry;

/// <summary>Chooses the configuration file: <c>--config</c> if given, else <c>$PVEAGENT_CONFIG</c>, else <c>./cluster.yaml</c>.</summary>
/// <param name="getEnvironmentVariable">Reads an environment variable (<see cref="Environment.GetEnvironmentVariable(string)"/> outside tests).</param>
public sealed class ConfigPathResolver(Func<string, string?> getEnvironmentVariable)
{
    /// <summary>The environment variable naming the configuration file.</summary>
    public const string EnvironmentVariable = "PVEAGENT_CONFIG";

    /// <summary>The file used when nothing else names one.</summary>
    public const string DefaultFileName = "cluster.yaml";

    private readonly Func<string, string?> _getEnvironmentVariable = getEnvironmentVariable ?? throw new ArgumentNullException(nameof(getEnvironmentVariable));

    /// <summary>A resolver reading the process environment.</summary>
    public ConfigPathResolver()
        : this(Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>The path to load; blank values count as not given.</summary>
    /// <param name="commandLinePath">The value of <c>--config</c>, or null when the option was not used.</param>
    public ResolvedConfigPath Resolve(string? commandLinePath)
    {
        if (!string.IsNullOrWhiteSpace(commandLinePath))
        {
            return new ResolvedConfigPath(commandLinePath.Trim(), ConfigPathSource.CommandLine);
        }

        return _getEnvironmentVariable(EnvironmentVariable) is { } fromEnvironment && !string.IsNullOrWhiteSpace(fromEnvironment)
            ? new ResolvedConfigPath(fromEnvironment.Trim(), ConfigPathSource.EnvironmentVariable)
            : new ResolvedConfigPath(DefaultFileName, ConfigPathSource.WorkingDirectory);
    }
}
