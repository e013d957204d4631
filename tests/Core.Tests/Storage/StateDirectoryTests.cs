using PveAgent.Core.Storage;

namespace PveAgent.Core.Tests.Storage;

public sealed class StateDirectoryTests
{
    [Fact]
    public void Resolve_ExplicitVariable_WinsOverEverything()
    {
        var env = new Dictionary<string, string?> { ["PVEAGENT_STATE_DIR"] = "/tmp/pa-state", ["XDG_STATE_HOME"] = "/x", ["HOME"] = "/home/u" };

        Assert.Equal("/tmp/pa-state", StateDirectory.Resolve(k => env.GetValueOrDefault(k)));
    }

    [Fact]
    public void Resolve_WithoutOverride_FollowsThePlatformConvention()
    {
        var withXdg = new Dictionary<string, string?> { ["XDG_STATE_HOME"] = "/x/state", ["HOME"] = "/home/u" };
        var withoutXdg = new Dictionary<string, string?> { ["HOME"] = "/home/u" };

        var a = StateDirectory.Resolve(k => withXdg.GetValueOrDefault(k));
        var b = StateDirectory.Resolve(k => withoutXdg.GetValueOrDefault(k));

        if (OperatingSystem.IsLinux())
        {
            Assert.Equal("/x/state/pveagent", a);
            Assert.Equal("/home/u/.local/state/pveagent", b);
        }
        else
        {
            Assert.EndsWith("pveagent", a, StringComparison.Ordinal);
            Assert.Equal(a, b);
        }
    }

    [Fact]
    public void Resolve_RelativeXdgStateHome_IsIgnoredAsTheSpecSays()
    {
        var env = new Dictionary<string, string?> { ["XDG_STATE_HOME"] = "relative/dir", ["HOME"] = "/home/u" };

        var dir = StateDirectory.Resolve(k => env.GetValueOrDefault(k));

        Assert.DoesNotContain("relative", dir, StringComparison.Ordinal);
    }
}
