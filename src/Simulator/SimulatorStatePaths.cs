using System.Runtime.InteropServices;

namespace PveAgent.Simulator;

/// <summary>Where the simulator keeps its state: <c>$PVEAGENT_STATE_DIR</c>, else the platform's per-user state folder.</summary>
public static class SimulatorStatePaths
{
    /// <summary>Environment variable that overrides the state folder.</summary>
    public const string EnvironmentVariable = "PVEAGENT_STATE_DIR";

    /// <summary>File name of the simulator state.</summary>
    public const string StateFileName = "simulator.json";

    /// <summary>The state folder for this process's environment and platform.</summary>
    public static string ResolveDirectory() => ResolveDirectory(Environment.GetEnvironmentVariable, CurrentPlatform());

    /// <summary>
    /// The state folder for a given environment and platform: <c>$PVEAGENT_STATE_DIR</c>; Linux <c>$XDG_STATE_HOME/pveagent</c> or
    /// <c>~/.local/state/pveagent</c>; macOS <c>~/Library/Application Support/pveagent</c>; Windows <c>%LOCALAPPDATA%\pveagent</c>.
    /// </summary>
    public static string ResolveDirectory(Func<string, string?> getEnvironmentVariable, OSPlatform platform)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        if (getEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } explicitDirectory)
        {
            return explicitDirectory;
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

        return getEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } xdg
            ? Path.Combine(xdg, "pveagent")
            : Path.Combine(home, ".local", "state", "pveagent");
    }

    private static OSPlatform CurrentPlatform() =>
        OperatingSystem.IsWindows() ? OSPlatform.Windows : OperatingSystem.IsMacOS() ? OSPlatform.OSX : OSPlatform.Linux;
}
