using System.CommandLine;

namespace PveAgent.Cli;

/// <summary>Options every command understands (declared once, recursive).</summary>
internal sealed class CliOptions
{
    public Option<string?> Config { get; } = new("--config", "-c")
    {
        Description = "Path of cluster.yaml (default: $PVEAGENT_CONFIG, else ./cluster.yaml)",
        HelpName = "path",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Log what PveAgent does (to stderr)",
        Recursive = true,
    };

    public Option<bool> NoColor { get; } = new("--no-color")
    {
        Description = "Plain output without colours (also: NO_COLOR=1)",
        Recursive = true,
    };
}
