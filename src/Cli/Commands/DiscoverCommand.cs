using System.CommandLine;
using System.Globalization;
using PveAgent.Cli.Composition;
using PveAgent.Core.Discovery;
using PveAgent.Core.Registry;
using Spectre.Console;

namespace PveAgent.Cli.Commands;

/// <summary><c>pve-agent discover [--write]</c>: what hardware is really there, compared with cluster.yaml.</summary>
internal sealed class DiscoverCommand(CliEnvironment environment, CliOptions options)
{
    public Command Build()
    {
        var write = new Option<bool>("--write") { Description = "Merge what was found into cluster.yaml (comments and formatting are kept)" };
        var command = new Command("discover", "Read PCI devices and telemetry of every node and show what differs from cluster.yaml (new GPUs, missing ones)") { write };
        command.SetAction((parse, ct) => ExecuteAsync(parse.GetValue(options.Config), parse.GetValue(options.Verbose), parse.GetValue(write), parse.GetValue(options.NoColor), ct));
        return command;
    }

    private async Task<int> ExecuteAsync(string? configPath, bool verbose, bool write, bool noColor, CancellationToken cancellationToken)
    {
        var config = await ConfigLoading.LoadAsync(environment, configPath, cancellationToken);
        using var session = await ClusterSession.OpenAsync(environment, config, verbose, cancellationToken);
        var console = environment.CreateConsole(noColor: noColor);
        IReadOnlyList<DiscoveredNode> nodes = [];
        await console.Status().StartAsync("Reading PCI devices and telemetry of every node…", async _ =>
            nodes = await new HardwareDiscovery(config, session.Proxmox, session.Telemetry).DiscoverAsync(cancellationToken));

        var table = new Table().Border(TableBorder.Rounded).AddColumns("Node", "cluster.yaml", "Found", "Differences");
        foreach (var node in nodes)
        {
            table.AddRow(
                Markup.Escape(node.Name),
                node.InRegistry ? Markup.Escape(Describe(node.Configured)) : "[yellow]not listed[/]",
                node.Error is null ? Markup.Escape(Describe(node.Found)) : "[grey]–[/]",
                node.Error is { } error ? $"[red]{Markup.Escape(error)}[/]"
                : node.Differences.Count == 0 ? "[green]matches[/]"
                : $"[yellow]{Markup.Escape(string.Join(Environment.NewLine, node.Differences))}[/]");
        }

        console.Write(table);
        var changes = Changes(nodes);
        if (changes.Count == 0)
        {
            console.MarkupLine("cluster.yaml matches the hardware.");
            return ExitCodes.Success;
        }

        var path = config.SourcePath ?? throw new UserFacingException("the configuration did not come from a file, so there is nothing to write to");
        if (!write)
        {
            console.MarkupLine($"{changes.Count} change(s) to {Markup.Escape(ConfigLoading.DisplayPath(environment, path))}: run [bold]pve-agent discover --write[/] to merge them (comments are kept).");
            return ExitCodes.Success;
        }

        var original = await File.ReadAllTextAsync(path, cancellationToken);
        var updated = ClusterYamlEditor.Apply(original, changes);

        // Never leave a file behind that PveAgent itself cannot load.
        var check = ConfigLoading.CreateLoader().Load(updated, path);
        if (check.HasErrors)
        {
            throw new UserFacingException(
                "the merged cluster.yaml would not be valid, so nothing was written:" + Environment.NewLine + string.Join(Environment.NewLine, check.Diagnostics.Where(d => d.IsError)),
                "edit the file by hand using the differences above");
        }

        var temporary = path + ".pveagent-tmp";
        await File.WriteAllTextAsync(temporary, updated, cancellationToken);
        File.Move(temporary, path, overwrite: true);
        console.MarkupLine($"[green]wrote {changes.Count} change(s)[/] to {Markup.Escape(ConfigLoading.DisplayPath(environment, path))}");
        return ExitCodes.Success;
    }

    private static List<ClusterYamlChange> Changes(IEnumerable<DiscoveredNode> nodes)
    {
        var changes = new List<ClusterYamlChange>();
        foreach (var node in nodes.Where(n => n.Differs))
        {
            if (node.InRegistry)
            {
                changes.Add(new SetAcceleratorsChange(node.Name, node.Found));
            }
            else
            {
                changes.Add(new AddNodeChange(new NodeConfig { Name = node.Name, Host = node.Address ?? node.Name, Accelerators = node.Found }));
            }
        }

        return changes;
    }

    private static string Describe(IReadOnlyList<AcceleratorConfig> accelerators) =>
        accelerators.Count == 0 ? "CPU only"
        : string.Join(", ", accelerators.Select(a => $"{a.Count}× {a.Model}{(a.VramGb is { } gb ? $" {gb.ToString(CultureInfo.InvariantCulture)} GB" : "")}"));
}
