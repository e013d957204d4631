using System.CommandLine;
using System.Text.Json;
using PveAgent.Cli.Composition;
using PveAgent.Cli.Output;
using PveAgent.Core.Registry;
using PveAgent.Core.State;
using Spectre.Console;

namespace PveAgent.Cli.Commands;

/// <summary><c>pve-agent status</c>: nodes, accelerators with telemetry, guests, services and warm models, read live.</summary>
internal sealed class StatusCommand(CliEnvironment environment, CliOptions options)
{
    public Command Build()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON for scripts instead of tables" };
        var command = new Command("status", "Show the cluster as it is now: nodes, accelerators, VMs and containers, inference services and warm models") { json };
        command.SetAction((parse, ct) => ExecuteAsync(parse.GetValue(options.Config), parse.GetValue(options.Verbose), parse.GetValue(json), parse.GetValue(options.NoColor), ct));
        return command;
    }

    private async Task<int> ExecuteAsync(string? configPath, bool verbose, bool json, bool noColor, CancellationToken cancellationToken)
    {
        var config = await ConfigLoading.LoadAsync(environment, configPath, cancellationToken);
        using var session = await ClusterSession.OpenAsync(environment, config, verbose, cancellationToken);
        var snapshot = await session.Snapshots.ReadAsync(cancellationToken);

        if (json)
        {
            await environment.Out.WriteLineAsync(session.Redactor.Redact(JsonSerializer.Serialize(ToDocument(config, snapshot), CliJson.Context.StatusDocument)));
            return ExitCodes.Success;
        }

        var console = environment.CreateConsole(noColor: noColor);
        Render(console, config, snapshot);
        if (verbose && session.Snapshots.LastTimings is { } timings)
        {
            console.MarkupLine($"[grey]read in {Format.Duration(timings.Resources + timings.TelemetryAndProbes)}: {timings.ProxmoxRequests} Proxmox request ({Format.Duration(timings.Resources)}), telemetry and probes in parallel ({Format.Duration(timings.TelemetryAndProbes)})[/]");
        }

        return ExitCodes.Success;
    }

    internal static StatusDocument ToDocument(ClusterConfig config, ClusterSnapshot snapshot) => new(
        config.Cluster.Name,
        snapshot.Simulated,
        snapshot.TakenAt,
        [.. snapshot.Nodes.Select(n => new StatusNode(
            n.Name,
            n.Status.ToString().ToLowerInvariant(),
            Math.Round(n.Cpu, 4),
            n.MaxCpu,
            n.Memory,
            n.MaxMemory,
            n.UptimeSeconds,
            [.. n.Accelerators
                .GroupBy(a => (a.Kind, a.Model))
                .Select(g => new StatusAcceleratorGroup(
                    g.Key.Kind.ToString().ToLowerInvariant(),
                    g.Key.Model,
                    g.Count(),
                    g.First().MemoryTotalMib is { } mib ? Math.Round(mib / 1024, 1) : null,
                    [.. g.Select(a => new StatusTelemetry(a.Index, a.Id, a.HasTelemetry, a.MemoryUsedMib, a.MemoryTotalMib, a.UtilizationPercent, a.TemperatureC, a.PowerWatts))]))],
            n.TelemetryError))],
        [.. snapshot.Guests.Select(g => new StatusGuest(g.VmId, g.Name, g.Type == GuestType.Qemu ? "qemu" : "lxc", g.Node, g.Status, g.Tags, g.Template, g.Lock))],
        [.. snapshot.Services.Select(s => new StatusService(
            s.Node,
            s.Name,
            KindName(s.Kind),
            s.Url.ToString(),
            s.Reachable,
            s.Available,
            [.. s.Loaded.Select(m => m.Name)],
            s.RequestsRunning,
            s.Error))]);

    internal static string KindName(ServiceKind kind) => kind switch
    {
        ServiceKind.LlamaCpp => "llamacpp",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static void Render(IAnsiConsole console, ClusterConfig config, ClusterSnapshot snapshot)
    {
        var source = snapshot.Simulated
            ? "[yellow]simulated[/] — PveAgent's built-in Proxmox VE simulator (cluster.simulate: true in cluster.yaml)"
            : $"live — Proxmox VE at {Markup.Escape(config.Proxmox?.Host ?? "?")}";
        console.MarkupLine($"[bold]{Markup.Escape(config.Cluster.Name)}[/]  {source}  [grey]{snapshot.TakenAt:yyyy-MM-dd HH:mm:ss} UTC[/]");
        console.WriteLine();

        var nodes = new Table().Title("[bold]Nodes[/]").Border(TableBorder.Rounded)
            .AddColumns("Node", "Status", "CPU", "Memory", "Uptime", "Role", "Accelerators");
        foreach (var node in snapshot.Nodes)
        {
            var accelerators = node.Accelerators.Count == 0 ? "CPU only"
                : string.Join(", ", node.Accelerators.GroupBy(a => a.Model).Select(g => $"{g.Count()}× {g.Key}"));
            nodes.AddRow(
                Markup.Escape(node.Name),
                StatusMarkup(node.Status),
                node.Status == NodeStatus.Online ? $"{Format.Percent(node.Cpu)} of {node.MaxCpu}" : "–",
                node.Status == NodeStatus.Online ? $"{Format.Bytes(node.Memory)} / {Format.Bytes(node.MaxMemory)}" : "–",
                Format.Uptime(node.UptimeSeconds),
                Markup.Escape(node.Config?.Type ?? (node.Config is null ? "not in cluster.yaml" : "")),
                Markup.Escape(accelerators));
        }

        console.Write(nodes);

        var devices = snapshot.Nodes.SelectMany(n => n.Accelerators.Select(a => (Node: n, Device: a))).ToList();
        if (devices.Count > 0)
        {
            var table = new Table().Title("[bold]Accelerators[/]").Border(TableBorder.Rounded)
                .AddColumns("Node", "#", "Device", "Memory used", "Util", "Temp", "Power", "Source");
            foreach (var (node, device) in devices)
            {
                table.AddRow(
                    Markup.Escape(node.Name),
                    device.Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Markup.Escape(device.Model),
                    device.MemoryUsedMib is null ? $"– / {Format.Mib(device.MemoryTotalMib)}" : $"{Format.Mib(device.MemoryUsedMib)} / {Format.Mib(device.MemoryTotalMib)}",
                    Format.Number(device.UtilizationPercent, " %"),
                    Format.Number(device.TemperatureC, " °C"),
                    Format.Number(device.PowerWatts, " W", "0.0"),
                    device.HasTelemetry ? "[green]telemetry[/]" : $"[grey]cluster.yaml{(node.TelemetryError is null ? "" : " (telemetry failed)")}[/]");
            }

            console.Write(table);
            foreach (var node in snapshot.Nodes.Where(n => n.TelemetryError is not null))
            {
                console.MarkupLine($"[grey]{Markup.Escape(node.Name)}: telemetry unavailable — {Markup.Escape(node.TelemetryError!)}[/]");
            }
        }

        var guests = new Table().Title("[bold]VMs and containers[/]").Border(TableBorder.Rounded)
            .AddColumns("ID", "Name", "Type", "Node", "Status", "Tags");
        foreach (var guest in snapshot.Guests)
        {
            var status = guest.Template ? "[grey]template[/]"
                : guest.Lock is { } held ? $"{GuestStatusMarkup(guest.Status)} [yellow](locked: {Markup.Escape(held)})[/]"
                : GuestStatusMarkup(guest.Status);
            guests.AddRow(
                guest.VmId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(guest.Name),
                guest.Type == GuestType.Qemu ? "VM" : "CT",
                Markup.Escape(guest.Node),
                status,
                Markup.Escape(string.Join(", ", guest.Tags)));
        }

        console.Write(guests);

        if (snapshot.Services.Count > 0)
        {
            var services = new Table().Title("[bold]Inference services[/]").Border(TableBorder.Rounded)
                .AddColumns("Node", "Service", "Kind", "URL", "State", "Models (● warm)");
            foreach (var service in snapshot.Services)
            {
                var models = service.Available.Select(m => service.IsWarm(m) ? $"[green]● {Markup.Escape(m)}[/]" : $"○ {Markup.Escape(m)}")
                    .Concat(service.Loaded.Where(l => !service.Available.Any(a => ModelNames.AreSame(a, l.Name))).Select(l => $"[green]● {Markup.Escape(l.Name)}[/]"));
                var state = service.Reachable
                    ? service.RequestsRunning is { } running and > 0 ? $"[green]up[/], {running:0} busy" : "[green]up[/]"
                    : $"[red]down[/]{(service.Error is null ? "" : $" [grey]({Markup.Escape(Shorten(service.Error))})[/]")}";
                services.AddRow(
                    Markup.Escape(service.Node),
                    Markup.Escape(service.Name),
                    KindName(service.Kind),
                    Markup.Escape(service.Url.ToString()),
                    state,
                    string.Join(" ", models));
            }

            console.Write(services);
        }
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "…";

    private static string StatusMarkup(NodeStatus status) => status switch
    {
        NodeStatus.Online => "[green]online[/]",
        NodeStatus.Asleep => "[blue]asleep[/] (Wake-on-LAN)",
        NodeStatus.Offline => "[red]offline[/]",
        _ => "[grey]unknown[/]",
    };

    private static string GuestStatusMarkup(string status) => status switch
    {
        "running" => "[green]running[/]",
        "stopped" => "[grey]stopped[/]",
        _ => Markup.Escape(status),
    };
}
