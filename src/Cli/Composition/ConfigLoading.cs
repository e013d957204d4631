using PveAgent.Core.Registry;

namespace PveAgent.Cli.Composition;

/// <summary>Finds, loads and validates cluster.yaml for a command; warnings go to stderr, errors stop the command.</summary>
internal static class ConfigLoading
{
    /// <summary>The loader with every section PveAgent knows.</summary>
    public static ClusterConfigLoader CreateLoader() => new(SectionBinders.All);

    /// <summary>Loads the config a command runs against, or throws a <see cref="UserFacingException"/> listing every error.</summary>
    public static async Task<ClusterConfig> LoadAsync(CliEnvironment environment, string? commandLinePath, CancellationToken cancellationToken)
    {
        var resolved = new ConfigPathResolver(environment.GetEnvironmentVariable).Resolve(commandLinePath);
        var fullPath = Path.GetFullPath(resolved.Path, environment.CurrentDirectory);
        var result = await CreateLoader().LoadFileAsync(fullPath, cancellationToken);
        var display = result.Diagnostics.Select(d => d with { File = DisplayPath(environment, d.File) }).ToList();

        foreach (var warning in display.Where(d => !d.IsError))
        {
            await environment.Error.WriteLineAsync(warning.ToString());
        }

        if (result.Config is null || result.HasErrors)
        {
            var errors = display.Where(d => d.IsError).Select(d => d.ToString());
            throw new UserFacingException(
                $"{resolved.Description} is not usable:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}",
                "fix the lines above (pve-agent validate shows the same list), or point --config at another file");
        }

        return result.Config;
    }

    /// <summary>A path relative to the working directory when it is below it, so messages stay short and clickable.</summary>
    public static string DisplayPath(CliEnvironment environment, string path)
    {
        if (!Path.IsPathRooted(path))
        {
            return path;
        }

        var relative = Path.GetRelativePath(environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }
}
