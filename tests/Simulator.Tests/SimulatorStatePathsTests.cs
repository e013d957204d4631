using System.Runtime.InteropServices;

namespace PveAgent.Simulator.Tests;

public sealed class SimulatorStatePathsTests
{
    [Fact]
    public void ResolveDirectory_WithPveagentStateDir_UsesIt()
    {
        var env = new Dictionary<string, string> { ["PVEAGENT_STATE_DIR"] = "/srv/state", ["XDG_STATE_HOME"] = "/x", ["HOME"] = "/home/u" };

        Assert.Equal("/srv/state", SimulatorStatePaths.ResolveDirectory(env.GetValueOrDefault, OSPlatform.Linux));
    }

    [Fact]
    public void ResolveDirectory_OnLinuxWithXdgStateHome_UsesItsPveagentFolder()
    {
        var env = new Dictionary<string, string> { ["XDG_STATE_HOME"] = "/x/state", ["HOME"] = "/home/u" };

        Assert.Equal(Path.Combine("/x/state", "pveagent"), SimulatorStatePaths.ResolveDirectory(env.GetValueOrDefault, OSPlatform.Linux));
    }

    [Fact]
    public void ResolveDirectory_OnLinuxWithoutXdg_UsesLocalStateUnderHome()
    {
        var env = new Dictionary<string, string> { ["HOME"] = "/home/u" };

        Assert.Equal(Path.Combine("/home/u", ".local", "state", "pveagent"), SimulatorStatePaths.ResolveDirectory(env.GetValueOrDefault, OSPlatform.Linux));
    }

    [Fact]
    public void ResolveDirectory_OnMacOs_UsesApplicationSupport()
    {
        var env = new Dictionary<string, string> { ["HOME"] = "/Users/u", ["XDG_STATE_HOME"] = "/ignored" };

        Assert.Equal(Path.Combine("/Users/u", "Library", "Application Support", "pveagent"), SimulatorStatePaths.ResolveDirectory(env.GetValueOrDefault, OSPlatform.OSX));
    }

    [Fact]
    public void ResolveDirectory_OnWindows_UsesLocalAppData()
    {
        var env = new Dictionary<string, string> { ["LOCALAPPDATA"] = @"C:\Users\u\AppData\Local" };

        Assert.Equal(Path.Combine(@"C:\Users\u\AppData\Local", "pveagent"), SimulatorStatePaths.ResolveDirectory(env.GetValueOrDefault, OSPlatform.Windows));
    }
}
