using System.CommandLine;
using System.Reflection;
using System.Text;
using Microsoft.Extensions.Logging;
using PveAgent.Cli.Composition;
using PveAgent.Core.Registry;
using PveAgent.Core.Routing;
using PveAgent.Core.Security;
using PveAgent.Core.Storage;
using PveAgent.Mcp;
using PveAgent.Plugins;

namespace PveAgent.Cli.Commands;

/// <summary>
/// <c>pve-agent mcp</c>: serves every tool over MCP on stdin/stdout for Claude Desktop, VS Code and other clients.
/// MCP clients spawn it and wait for its first answer, so <see cref="TryParse"/> lets <c>Program</c> start it without
/// building the command tree; the command in the tree (<see cref="Build"/>) serves the other spellings
/// (<c>pve-agent -c lab.yaml mcp</c>) and the help.
/// </summary>
internal sealed class McpCommand(CliEnvironment environment, CliOptions options)
{
    private const string Description =
        "Serve every tool over MCP (stdio) for Claude Desktop, VS Code and other MCP clients: read-only unless cluster.yaml's guardrails allow changes, which a person then approves";

    public Command Build()
    {
        var command = new Command("mcp", Description);
        command.SetAction((parse, ct) => RunAsync(environment, parse.GetValue(options.Config), parse.GetValue(options.Verbose), ct));
        return command;
    }

    /// <summary>
    /// The options of a plain <c>pve-agent mcp [--config path] [--verbose]</c> command line, or null for anything else
    /// (help, another command, an unknown option), which the full command tree then handles.
    /// </summary>
    public static FastArguments? TryParse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args is not ["mcp", ..])
        {
            return null;
        }

        string? config = null;
        var verbose = false;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--config" or "-c" when i + 1 < args.Length:
                    config = args[++i];
                    break;
                case "--verbose" or "-v":
                    verbose = true;
                    break;
                case "--no-color":
                    break;
                default:
                    return null;
            }
        }

        return new FastArguments(config, verbose);
    }

    /// <summary>Serves MCP until the client closes stdin; stdout carries only the protocol, everything else goes to stderr.</summary>
    public static async Task<int> RunAsync(CliEnvironment environment, string? configPath, bool verbose, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);

        // Anything a component prints "to the user" must not corrupt the protocol on stdout.
        var quiet = new CliEnvironment
        {
            Out = environment.Error,
            Error = environment.Error,
            In = TextReader.Null,
            GetEnvironmentVariable = environment.GetEnvironmentVariable,
            CurrentDirectory = environment.CurrentDirectory,
            Clock = environment.Clock,
            NetworkHandler = environment.NetworkHandler,
        };
        var resolved = new ConfigPathResolver(environment.GetEnvironmentVariable).Resolve(configPath);
        var fullPath = Path.GetFullPath(resolved.Path, environment.CurrentDirectory);
        var besideTool = Path.Combine(AppContext.BaseDirectory, ConfigPathResolver.DefaultFileName);
        if (resolved.Source == ConfigPathSource.WorkingDirectory && !File.Exists(fullPath) && File.Exists(besideTool))
        {
            // Desktop clients start servers in a folder of their own: with nothing named, serve the simulated lab that
            // ships with the tool.
            (fullPath, resolved) = (besideTool, new ResolvedConfigPath(besideTool, ConfigPathSource.CommandLine));
        }

        var stateDirectory = StateDirectory.Resolve(environment.GetEnvironmentVariable);
        using var logging = new StderrLoggerFactory(environment.Error, verbose, Path.Combine(stateDirectory, "logs"));
        var setup = new McpServerSetup
        {
            LoadConfigAsync = ct => LoadConfigAsync(quiet, fullPath, resolved.Description, ct),
            ConfigFile = fullPath,
            ConnectAsync = (config, ct) => ConnectAsync(quiet, config, verbose, ct),
            StateDirectory = stateDirectory,
            PromptsDirectory = new[] { Path.Combine(Path.GetDirectoryName(fullPath)!, "prompts"), Path.Combine(AppContext.BaseDirectory, "prompts") }.FirstOrDefault(Directory.Exists),
            Clock = environment.Clock,
            LoggerFactory = logging,
            ApproveCommand = id => ApproveCommand(environment, id, fullPath),
            Version = typeof(McpCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0",
        };

        try
        {
            await PveAgentMcpServer.RunStdioAsync(setup, cancellationToken);
            return ExitCodes.Success;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Success;
        }
    }

    /// <summary>The process's own environment for the fast path.</summary>
    public static CliEnvironment ProcessEnvironment()
    {
        var stderr = new LazyStderr();
        return new()
        {
            Out = stderr,
            Error = stderr,
            In = TextReader.Null,
            GetEnvironmentVariable = Environment.GetEnvironmentVariable,
            CurrentDirectory = Environment.CurrentDirectory,
        };
    }

    private static async Task<ClusterConfig> LoadConfigAsync(CliEnvironment environment, string fullPath, string description, CancellationToken cancellationToken)
    {
        var result = await ConfigLoading.CreateLoader().LoadFileAsync(fullPath, cancellationToken);
        var display = result.Diagnostics.Select(d => d with { File = ConfigLoading.DisplayPath(environment, d.File) }).ToList();
        foreach (var warning in display.Where(d => !d.IsError))
        {
            await environment.Error.WriteLineAsync(warning.ToString());
        }

        if (result.Config is null || result.HasErrors)
        {
            throw new McpSetupException(
                $"{description} is not usable: {string.Join("; ", display.Where(d => d.IsError))}. " +
                "Fix those lines (`pve-agent validate` shows the same list) or point --config in the MCP client's settings at another file, then restart the server.");
        }

        return result.Config;
    }

    private static async Task<McpCluster> ConnectAsync(CliEnvironment environment, ClusterConfig config, bool verbose, CancellationToken cancellationToken)
    {
        ClusterSession session;
        try
        {
            session = await ClusterSession.OpenAsync(environment, config, verbose, cancellationToken);
        }
        catch (UserFacingException e)
        {
            throw new McpSetupException(e.Hint is null ? e.Message : $"{e.Message} ({e.Hint})", e);
        }

        var routing = RoutingSectionBinder.OptionsFor(config);
        return new McpCluster
        {
            Snapshots = session.Snapshots,
            Actions = session.Actions,
            Redactor = session.Redactor,
            Owner = session,
            NewToolContext = () => new ToolContext(session.Snapshots, session.Proxmox, config, session.Clock)
            {
                Routing = routing,
                Latencies = session.Latencies.Snapshot(),
                Telemetry = session.Telemetry,
            },
        };
    }

    private static string ApproveCommand(CliEnvironment environment, string planId, string configPath)
    {
        // The person's terminal has neither the MCP client's working directory nor its environment: spell both out.
        var state = environment.GetEnvironmentVariable(StateDirectory.EnvironmentVariable) is { Length: > 0 } dir ? $"{StateDirectory.EnvironmentVariable}={Quote(dir)} " : "";
        return $"{state}pve-agent apply {planId} --config {Quote(configPath)}";
    }

    private static string Quote(string text) => text.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '$' or '`') ? $"'{text.Replace("'", "'\\''", StringComparison.Ordinal)}'" : text;

    /// <summary>
    /// <see cref="Console.Error"/>, created on the first write: creating it (the console's encoding and terminal) costs
    /// milliseconds of start-up that a server which has nothing to say need not pay.
    /// </summary>
    private sealed class LazyStderr : TextWriter
    {
        private static TextWriter Inner => Console.Error;

        public override Encoding Encoding => Inner.Encoding;

        public override void Write(char value) => Inner.Write(value);

        public override void Write(string? value) => Inner.Write(value);

        public override void WriteLine(string? value) => Inner.WriteLine(value);

        public override Task WriteAsync(string? value) => Inner.WriteAsync(value);

        public override Task WriteLineAsync(string? value) => Inner.WriteLineAsync(value);

        public override void Flush() => Inner.Flush();

        public override Task FlushAsync() => Inner.FlushAsync();
    }

    /// <summary>The options of the fast path.</summary>
    internal sealed record FastArguments(string? ConfigPath, bool Verbose);

    /// <summary>
    /// The CLI's logging (Serilog to stderr and the daily file, redacted), set up on the first line actually written:
    /// warnings and errors, everything with <c>--verbose</c>. Until then nothing is loaded, which keeps start-up short.
    /// </summary>
    private sealed class StderrLoggerFactory(TextWriter stderr, bool verbose, string logDirectory) : ILoggerFactory
    {
        private readonly Lazy<CliLogging> _logging = new(() => CliLogging.Create(new SecretRedactor(), stderr, verbose, StateDirectory.EnsureCreated(logDirectory)));

        private LogLevel Minimum => verbose ? LogLevel.Debug : LogLevel.Warning;

        public ILogger CreateLogger(string categoryName) => new LazyLogger(this, categoryName);

        public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("The MCP server's logging takes no other providers.");

        public void Dispose()
        {
            if (_logging.IsValueCreated)
            {
                _logging.Value.Dispose();
            }
        }

        private sealed class LazyLogger(StderrLoggerFactory owner, string category) : ILogger
        {
            private ILogger? _inner;

            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= owner.Minimum;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    (_inner ??= owner._logging.Value.Factory.CreateLogger(category)).Log(logLevel, eventId, state, exception, formatter);
                }
            }
        }
    }
}
