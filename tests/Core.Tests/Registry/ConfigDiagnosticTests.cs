using PveAgent.Core.Registry;

namespace PveAgent.Core.Tests.Registry;

public sealed class ConfigDiagnosticTests
{
    [Fact]
    public void ToString_ErrorWithHint_ReadsLikeACompilerMessage()
    {
        var diagnostic = new ConfigDiagnostic
        {
            Severity = ConfigSeverity.Error,
            File = "cluster.yaml",
            Line = 12,
            Column = 5,
            Message = "unknown key 'acelerators' in node 'brian'",
            Hint = "did you mean 'accelerators'?",
        };

        Assert.Equal("cluster.yaml:12:5: error: unknown key 'acelerators' in node 'brian' — did you mean 'accelerators'?", diagnostic.ToString());
    }

    [Fact]
    public void ToString_WarningWithoutHint_EndsWithTheMessage()
    {
        var diagnostic = new ConfigDiagnostic { Severity = ConfigSeverity.Warning, File = "lab/cluster.yaml", Line = 3, Column = 1, Message = "no nodes are declared" };

        Assert.Equal("lab/cluster.yaml:3:1: warning: no nodes are declared", diagnostic.ToString());
        Assert.False(diagnostic.IsError);
    }

    [Fact]
    public void ToString_WholeFileProblem_HasNoLineOrColumn()
    {
        var diagnostic = new ConfigDiagnostic { Severity = ConfigSeverity.Error, File = "cluster.yaml", Message = "configuration file not found", Hint = "create it" };

        Assert.Equal("cluster.yaml: error: configuration file not found — create it", diagnostic.ToString());
    }
}
