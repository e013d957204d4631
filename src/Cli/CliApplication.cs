using System.CommandLine;
using PveAgent.Cli.Commands;
using PveAgent.Core.Proxmox;
using PveAgent.Core.Security;

namespace PveAgent.Cli;

/// <summary>The <c>pve-agent</c> command tree and the one place where failures become messages and exit codes.</summary>
internal sealed class CliApplication
{
    private readonly CliEnvironment _environment;
    private readonly CliOptions _options = new();
    private readonly SecretRedactor _redactor = new();

    public CliApplication(CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        _environment = environment;
    }

    /// <summary>Runs one command line and returns the process exit code.</summary>
    public static Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default) =>
        new CliApplication(environment).RunAsync(args, cancellationToken);

    public RootCommand BuildRoot()
    {
        var root = new RootCommand("pve-agent — run AI workloads on a Proxmox VE cluster of mixed hardware (NVIDIA, Tenstorrent, CPU)")
        {
            _options.Config,
            _options.Verbose,
            _options.NoColor,
        };
        root.Subcommands.Add(new InitCommand(_environment, _options).Build());
        root.Subcommands.Add(new StatusCommand(_environment, _options).Build());
        root.Subcommands.Add(new DiscoverCommand(_environment, _options).Build());
        root.Subcommands.Add(new RouteCommand(_environment, _options).Build());
        root.Subcommands.Add(new RunCommand(_environment, _options).Build());
        root.Subcommands.Add(new QueueCommand(_environment, _options).Build());
        root.Subcommands.Add(new PlanCommand(_environment, _options).Build());
        root.Subcommands.Add(new ChatCommand(_environment, _options).Build());
        root.Subcommands.Add(new ApplyCommand(_environment, _options).Build());
        root.Subcommands.Add(new PlansCommand(_environment, _options).Build());
        root.Subcommands.Add(new AuditCommand(_environment, _options).Build());
        root.Subcommands.Add(new ValidateCommand(_environment, _options).Build());
        root.Subcommands.Add(new SimCommand(_environment, _options, [new SimRunCommand(_environment, _options).Build()]).Build());
        root.Subcommands.Add(new NodeAgentCommand(_environment).Build());
        root.Subcommands.Add(new McpCommand(_environment, _options).Build());
        return root;
    }

    private async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var root = BuildRoot();
        var parse = root.Parse(args);
        var invocation = new InvocationConfiguration
        {
            Output = _environment.Out,
            Error = _environment.Error,
            EnableDefaultExceptionHandler = false,
        };

        try
        {
            var code = await parse.InvokeAsync(invocation, cancellationToken);
            if (parse.Errors.Count == 0)
            {
                return code;
            }

            if (code == 0)
            {
                // An action that ran despite parse errors (--version beside other options) did not report them.
                foreach (var error in parse.Errors)
                {
                    await WriteErrorAsync(error.Message, "run `pve-agent --version` on its own; `pve-agent --help` lists the commands");
                }
            }

            return ExitCodes.Usage;
        }
        catch (UserFacingException ex)
        {
            await WriteErrorAsync(ex.Message, ex.Hint);
            return ex.ExitCode;
        }
        catch (PveApiException ex)
        {
            await WriteErrorAsync(ex.Message, null);
            return ExitCodes.Error;
        }
        catch (OperationCanceledException)
        {
            await WriteErrorAsync("cancelled", null);
            return ExitCodes.Cancelled;
        }
    }

    private async Task WriteErrorAsync(string message, string? hint)
    {
        await _environment.Error.WriteLineAsync("error: " + _redactor.Redact(message));
        if (!string.IsNullOrWhiteSpace(hint))
        {
            await _environment.Error.WriteLineAsync("hint: " + _redactor.Redact(hint));
        }
    }
}
