using PveAgent.Core.Registry;

namespace PveAgent.Core.Tests.Registry;

public sealed class ConfigPathResolverTests
{
    private static ConfigPathResolver WithEnvironment(string? value, List<string>? asked = null) =>
        new(name =>
        {
            asked?.Add(name);
            return name == "PVEAGENT_CONFIG" ? value : null;
        });

    [Fact]
    public void Resolve_CommandLinePath_WinsOverTheEnvironment()
    {
        var resolved = WithEnvironment("/etc/pveagent/cluster.yaml").Resolve("lab.yaml");

        Assert.Equal(new ResolvedConfigPath("lab.yaml", ConfigPathSource.CommandLine), resolved);
        Assert.Equal("lab.yaml (from --config)", resolved.Description);
    }

    [Fact]
    public void Resolve_NoCommandLinePath_UsesPveagentConfig()
    {
        var asked = new List<string>();

        var resolved = WithEnvironment(" /etc/pveagent/cluster.yaml ", asked).Resolve(null);

        Assert.Equal(new ResolvedConfigPath("/etc/pveagent/cluster.yaml", ConfigPathSource.EnvironmentVariable), resolved);
        Assert.Equal(["PVEAGENT_CONFIG"], asked);
        Assert.Equal("/etc/pveagent/cluster.yaml (from $PVEAGENT_CONFIG)", resolved.Description);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", "")]
    [InlineData("  ", "  ")]
    public void Resolve_NothingGiven_FallsBackToClusterYamlInTheWorkingDirectory(string? commandLine, string? environment)
    {
        var resolved = WithEnvironment(environment).Resolve(commandLine);

        Assert.Equal(new ResolvedConfigPath("cluster.yaml", ConfigPathSource.WorkingDirectory), resolved);
        Assert.Contains("default: ./cluster.yaml", resolved.Description);
    }
}
