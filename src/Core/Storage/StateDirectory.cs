namespace PveAgent.Core.Storage;

/// <summary>
/// Where PveAgent keeps its state (simulator world, plans, journal, audit log, logs): <c>$PVEAGENT_STATE_DIR</c> when
/// set, else the platform's per-user state directory.
/// </summary>
public static class StateDirectory
{
    /// <summary>Environment variable that overrides the location.</summary>
    public const string EnvironmentVariable = "PVEAGENT_STATE_DIR";

    /// <summary>Resolves the directory (not created here).</summary>
    /// <param name="getEnvironmentVariable">Environment lookup, injectable for tests.</param>
    public static string Resolve(Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        var explicitDir = getEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(explicitDir))
        {
            return Path.GetFullPath(explicitDir);
        }

        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "pveagent");
        }

        var home = getEnvironmentVariable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsMacOS())
        {
            return Path.Combine(home, "Library", "Application Support", "pveagent");
        }

        var xdg = getEnvironmentVariable("XDG_STATE_HOME");
        return !string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg)
            ? Path.Combine(xdg, "pveagent")
            : Path.Combine(home, ".local", "state", "pveagent");
    }

    /// <summary>Resolves from the process environment and creates the directory (owner-only on Unix).</summary>
    public static string EnsureCreated(Func<string, string?> getEnvironmentVariable)
    {
        var dir = Resolve(getEnvironmentVariable);
        if (!Directory.Exists(dir))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(dir);
            }
            else
            {
                // The state holds plans and audit records: nobody else needs to read them.
                Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        return dir;
    }
}
