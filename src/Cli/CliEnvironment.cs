using Spectre.Console;

namespace PveAgent.Cli;

/// <summary>
/// Everything a command touches outside the process: streams, environment, working directory, clock and (in tests)
/// the network. The real program uses <see cref="FromProcess"/>; tests build one with captured writers and a temporary
/// state directory, so every command runs in-process exactly as a user would run it.
/// </summary>
internal sealed class CliEnvironment
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    public required TextReader In { get; init; }

    /// <summary>True when a person can answer prompts (stdin and stdout are terminals).</summary>
    public bool IsInteractive { get; init; }

    /// <summary>True when stdout understands ANSI colours.</summary>
    public bool SupportsAnsi { get; init; }

    /// <summary>Width to render tables at when stdout is not a terminal.</summary>
    public int Width { get; init; } = 120;

    public required Func<string, string?> GetEnvironmentVariable { get; init; }

    public required string CurrentDirectory { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Replaces the network for real (non-simulated) endpoints; tests only.</summary>
    public HttpMessageHandler? NetworkHandler { get; init; }

    /// <summary>The environment of this process.</summary>
    public static CliEnvironment FromProcess()
    {
        var interactive = !Console.IsInputRedirected && !Console.IsOutputRedirected;
        return new CliEnvironment
        {
            Out = Console.Out,
            Error = Console.Error,
            In = Console.In,
            IsInteractive = interactive,
            SupportsAnsi = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null,
            Width = Console.IsOutputRedirected ? 120 : Math.Max(80, SafeWindowWidth()),
            GetEnvironmentVariable = Environment.GetEnvironmentVariable,
            CurrentDirectory = Environment.CurrentDirectory,
        };
    }

    /// <summary>A Spectre console writing to <see cref="Out"/> (or <see cref="Error"/>).</summary>
    public IAnsiConsole CreateConsole(bool toError = false, bool noColor = false)
    {
        var writer = toError ? Error : Out;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = SupportsAnsi && !noColor ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = SupportsAnsi && !noColor ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = IsInteractive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!SupportsAnsi || Console.IsOutputRedirected || writer != Console.Out)
        {
            console.Profile.Width = Width;
        }

        return console;
    }

    private static int SafeWindowWidth()
    {
        try
        {
            return Console.WindowWidth;
        }
        catch (IOException)
        {
            return 120;
        }
    }
}
