using System.Runtime.InteropServices;

namespace PveAgent.Core.Storage;

/// <summary>
/// Where PveAgent keeps its state (simulator world, plans, journal, audit log, logs): <c>$PVEAGENT_STATE_DIR</c> when
/// set, else the platform's per-user state directory — Linux <c>$XDG_STATE_HOME/pveagent</c> or
/// <c>~/.local/state/pveagent</c>, macOS <c>~/Library/Application Support/pveagent</c>, Windows
/// <c>%LOCALAPPDATA%\pveagent</c>.
/// </summary>
public static class StateDirectory
{
    /// <summary>Environment variable that overrides the location.</summary>
    public const string EnvironmentVariable = "PVEAGENT_STATE_DIR";

    /// <summary>Resolves the directory for this platform (not created here).</summary>
    /// <param name="getEnvironmentVariable">Environment lookup, injectable for tests.</param>
    public static string Resolve(Func<string, string?> getEnvironmentVariable) => Resolve(getEnvironmentVariable, CurrentPlatform());

    /// <summary>Resolves the directory for a given platform (not created here).</summary>
    public static string Resolve(Func<string, string?> getEnvironmentVariable, OSPlatform platform)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        if (getEnvironmentVariable(EnvironmentVariable) is { } explicitDir && !string.IsNullOrWhiteSpace(explicitDir))
        {
            return Path.GetFullPath(explicitDir);
        }

        if (platform == OSPlatform.Windows)
        {
            var localAppData = getEnvironmentVariable("LOCALAPPDATA") is { Length: > 0 } value
                ? value
                : Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            return Path.Combine(localAppData, "pveagent");
        }

        var home = getEnvironmentVariable("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (platform == OSPlatform.OSX)
        {
            return Path.Combine(home, "Library", "Application Support", "pveagent");
        }

        // The XDG spec says a relative XDG_STATE_HOME is invalid and must be ignored.
        return getEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg)
            ? Path.Combine(xdg, "pveagent")
            : Path.Combine(home, ".local", "state", "pveagent");
    }

    /// <summary>Resolves and creates the directory (owner-only on Unix: it holds plans and audit records).</summary>
    public static string EnsureCreated(Func<string, string?> getEnvironmentVariable) => EnsureCreated(Resolve(getEnvironmentVariable));

    /// <summary>Creates <paramref name="directory"/> if needed (owner-only on Unix) and returns it.</summary>
    public static string EnsureCreated(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        return directory;
    }

    private static OSPlatform CurrentPlatform() =>
        OperatingSystem.IsWindows() ? OSPlatform.Windows : OperatingSystem.IsMacOS() ? OSPlatform.OSX : OSPlatform.Linux;
}
