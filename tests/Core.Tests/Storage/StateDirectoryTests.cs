using System.Runtime.InteropServices;
using PveAgent.Core.Storage;

namespace PveAgent.Core.Tests.Storage;

public sealed class StateDirectoryTests
{
    [Fact]
    public void Resolve_ExplicitVariable_WinsOverEverything()
    {
        var env = new Dictionary<string, string?> { ["PVEAGENT_STATE_DIR"] = "/srv/state", ["XDG_STATE_HOME"] = "/x", ["HOME"] = "/home/u" };

        Assert.Equal("/srv/state", StateDirectory.Resolve(env.GetValueOrDefault, OSPlatform.Linux));
    }

    [Fact]
    public void Resolve_OnLinuxWithXdgStateHome_UsesItsPveagentFolder()
    {
        var env = new Dictionary<string, string?> { ["XDG_STATE_HOME"] = "/x/state", ["HOME"] = "/home/u" };

        Assert.Equal(Path.Combine("/x/state", "pveagent"), StateDirectory.Resolve(env.GetValueOrDefault, OSPlatform.Linux));
    }

    [Fact]
    public void Resolve_OnLinuxWithoutXdg_UsesLocalStateUnderHome()
    {
        var env = new Dictionary<string, string?> { ["HOME"] = "/home/u" };

        Assert.Equal(Path.Combine("/home/u", ".local", "state", "pveagent"), StateDirectory.Resolve(env.GetValueOrDefault, OSPlatform.Linux));
    }

    [Fact]
    public void Resolve_RelativeXdgStateHome_IsIgnoredAsTheSpecSays()
    {
        var env = new Dictionary<string, string?> { ["XDG_STATE_HOME"] = "relative/dir", ["HOME"] = "/home/u" };

        Assert.Equal(Path.Combine("/home/u", ".local", "state", "pveagent"), StateDirectory.Resolve(env.GetValueOrDefault, OSPlatform.Linux));
    }

    [Fact]
    public void Resolve_OnMacOs_UsesApplicationSupport()
    {
        var env = new Dictionary<string, string?> { ["HOME"] = "/Users/u", ["XDG_STATE_HOME"] = "/ignored" };

        Assert.Equal(Path.Combine("/Users/u", "Library", "Application Support", "pveagent"), StateDirectory.Resolve(env.GetValueOrDefault, OSPlatform.OSX));
    }

    [Fact]
    public void Resolve_OnWindows_UsesLocalAppData()
    {
        var env = new Dictionary<string, string?> { ["LOCALAPPDATA"] = @"C:\Users\u\AppData\Local" };

        Assert.Equal(Path.Combine(@"C:\Users\u\AppData\Local", "pveagent"), StateDirectory.Resolve(env.GetValueOrDefault, OSPlatform.Windows));
    }

    [Fact]
    public void EnsureCreated_MakesAnOwnerOnlyDirectory()
    {
        var parent = Directory.CreateTempSubdirectory("pveagent-state-");
        try
        {
            var dir = StateDirectory.EnsureCreated(Path.Combine(parent.FullName, "state"));

            Assert.True(Directory.Exists(dir));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dir));
            }
        }
        finally
        {
            parent.Delete(recursive: true);
        }
    }
}
