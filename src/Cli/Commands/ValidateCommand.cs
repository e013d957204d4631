using System.CommandLine;
using PveAgent.Cli.Composition;
using PveAgent.Core.Registry;

namespace PveAgent.Cli.Commands;

/// <summary><c>pve-agent validate [path]</c>: every problem in cluster.yaml with file:line:column, exit 1 on errors.</summary>
internal sealed class ValidateCommand(CliEnvironment environment, CliOptions options)
{
    public Command Build()
    {
        var path = new Argument<string?>("path")
        {
            Description = "File to check (default: --config, $PVEAGENT_CONFIG, else ./cluster.yaml)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("validate", "Check cluster.yaml and list every problem with file:line:column and how to fix it") { path };
        command.SetAction((parse, ct) => ExecuteAsync(parse.GetValue(path) ?? parse.GetValue(options.Config), ct));
        return command;
    }

    private async Task<int> ExecuteAsync(string? explicitPath, CancellationToken cancellationToken)
    {
        var resolved = new ConfigPathResolver(environment.GetEnvironmentVariable).Resolve(explicitPath);
        var fullPath = Path.GetFullPath(resolved.Path, environment.CurrentDirectory);
        var result = await ConfigLoading.CreateLoader().LoadFileAsync(fullPath, cancellationToken);
        var display = ConfigLoading.DisplayPath(environment, fullPath);

        foreach (var diagnostic in result.Diagnostics)
        {
            var line = (diagnostic with { File = ConfigLoading.DisplayPath(environment, diagnostic.File) }).ToString();
            await (diagnostic.IsError ? environment.Error : environment.Out).WriteLineAsync(line);
        }

        var errors = result.Diagnostics.Count(d => d.IsError);
        var warnings = result.Diagnostics.Count - errors;
        if (errors > 0)
        {
            await environment.Error.WriteLineAsync($"{display}: {errors} error(s), {warnings} warning(s)");
            return ExitCodes.Error;
        }

        var config = result.Config!;
        var accelerators = config.Nodes.Sum(n => n.Accelerators.Sum(a => a.Count));
        var services = config.Nodes.Sum(n => n.Services.Count);
        await environment.Out.WriteLineAsync(
            $"{display}: valid — cluster '{config.Cluster.Name}', {config.Nodes.Count} node(s), {accelerators} accelerator(s), {services} service(s)" +
            $"{(config.Cluster.Simulate ? ", simulated" : "")}{(warnings > 0 ? $", {warnings} warning(s)" : "")}");
        return ExitCodes.Success;
    }
}
