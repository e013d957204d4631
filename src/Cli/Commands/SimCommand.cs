using System.CommandLine;
using PveAgent.Cli.Composition;
using PveAgent.Core.Registry;
using PveAgent.Simulator;
using PveAgent.Simulator.Proxmox;
using Spectre.Console;

namespace PveAgent.Cli.Commands;

/// <summary><c>pve-agent sim …</c>: the built-in simulator — serve it over HTTPS, reset it, put nodes to sleep.</summary>
internal sealed class SimCommand(CliEnvironment environment, CliOptions options, IReadOnlyList<Command> extraSubcommands)
{
    public Command Build()
    {
        var command = new Command("sim", "The built-in Proxmox VE and inference-server simulator (the default target while cluster.simulate is true)");
        command.Subcommands.Add(BuildServe());
        command.Subcommands.Add(BuildReset());
        command.Subcommands.Add(BuildPower("sleep", "Put a node to sleep (power off; it can be woken with Wake-on-LAN)", online: false));
        command.Subcommands.Add(BuildPower("wake", "Power a sleeping node on at once (as if someone pressed its button)", online: true));
        foreach (var extra in extraSubcommands)
        {
            command.Subcommands.Add(extra);
        }

        return command;
    }

    private Command BuildServe()
    {
        var port = new Option<int>("--port", "-p") { Description = "HTTPS port of the simulated Proxmox API; services listen on the following ports", DefaultValueFactory = _ => 8006 };
        var command = new Command("serve", "Serve the simulated cluster over HTTPS (self-signed certificate, fingerprint printed) so any Proxmox client can use it") { port };
        command.SetAction(async (parse, ct) =>
        {
            var portValue = parse.GetValue(port);
            if (portValue is < 0 or > 65535)
            {
                throw new UserFacingException($"--port {portValue} is not a TCP port", "use a number from 1 to 65535 (0 picks a free one)", ExitCodes.Usage);
            }

            var config = await ConfigLoading.LoadAsync(environment, parse.GetValue(options.Config), ct);
            var stateDirectory = Core.Storage.StateDirectory.EnsureCreated(environment.GetEnvironmentVariable);
            using var engine = ClusterSession.CreateSimulator(config, stateDirectory, environment.Clock);
            if (await engine.InitializeAsync(ct) is { } notice)
            {
                await environment.Error.WriteLineAsync("note: " + notice);
            }

            await using var server = new SimulatorServer(engine, new SimulatorServerOptions { Port = portValue });
            try
            {
                await server.RunAsync(info => PrintServing(config, engine, info, parse.GetValue(options.NoColor)), ct);
            }
            catch (IOException ex) when (ex.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse })
            {
                throw new UserFacingException($"port {portValue} (or one of the service ports after it) is already in use", "stop what uses it, or choose another with --port");
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                await environment.Out.WriteLineAsync("simulator stopped");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private void PrintServing(ClusterConfig config, SimulatorEngine engine, SimulatorServerInfo info, bool noColor)
    {
        var console = environment.CreateConsole(noColor: noColor);
        console.MarkupLine($"[bold]Simulated Proxmox VE[/] for '{Markup.Escape(config.Cluster.Name)}' at [link]{info.ApiBaseAddress}[/]");
        console.MarkupLine($"  TLS fingerprint (SHA-256): [yellow]{info.CertificateFingerprint}[/]");
        console.MarkupLine($"  API token: PVEAPIToken={Markup.Escape(ProxmoxApiSimulator.TokenIdFor(config))}={Markup.Escape(engine.Options.TokenSecret)}  [grey](the simulator's own, not a real secret)[/]");
        if (info.Services.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumns("Node", "Service", "Kind", "Listens on", "Stands for");
            foreach (var service in info.Services)
            {
                table.AddRow(Markup.Escape(service.Node), Markup.Escape(service.Name), Markup.Escape(service.Kind), service.LocalAddress.ToString(), service.SimulatedAddress.ToString());
            }

            console.Write(table);
        }

        console.MarkupLine("Point a cluster.yaml at it with:");
        console.WriteLine($"""
              proxmox:
                host: {info.ApiBaseAddress.Host}
                port: {info.ApiBaseAddress.Port}
                user: {ProxmoxApiSimulator.TokenIdFor(config).Split('!')[0]}
                token_name: {ProxmoxApiSimulator.TokenIdFor(config).Split('!')[1]}
                token_value_env: PVEAGENT_TOKEN      # export PVEAGENT_TOKEN={engine.Options.TokenSecret}
                fingerprint: "{info.CertificateFingerprint}"
            """);
        console.MarkupLine("[grey]Ctrl+C stops it; the world is kept in the state directory (pve-agent sim reset starts over).[/]");
    }

    private Command BuildReset()
    {
        var command = new Command("reset", "Forget every change made in the simulated cluster and start from the world seeded from cluster.yaml");
        command.SetAction(async (parse, ct) =>
        {
            var config = await ConfigLoading.LoadAsync(environment, parse.GetValue(options.Config), ct);
            var stateDirectory = Core.Storage.StateDirectory.EnsureCreated(environment.GetEnvironmentVariable);
            using var engine = ClusterSession.CreateSimulator(config, stateDirectory, environment.Clock);
            await engine.ResetAsync(ct);
            await environment.Out.WriteLineAsync($"simulated cluster '{config.Cluster.Name}' reset to its seeded state ({engine.StateFilePath})");
            return ExitCodes.Success;
        });
        return command;
    }

    private Command BuildPower(string name, string description, bool online)
    {
        var node = new Argument<string>("node") { Description = "Node name from cluster.yaml" };
        var command = new Command(name, description) { node };
        command.SetAction(async (parse, ct) =>
        {
            var config = await ConfigLoading.LoadAsync(environment, parse.GetValue(options.Config), ct);
            var nodeName = parse.GetValue(node)!;
            if (config.FindNode(nodeName) is not { } known)
            {
                throw new UserFacingException(
                    $"no node '{nodeName}' in {config.SourcePath}",
                    $"nodes are: {string.Join(", ", config.Nodes.Select(n => n.Name))}",
                    ExitCodes.Usage);
            }

            if (!config.Cluster.Simulate)
            {
                throw new UserFacingException("pve-agent sim only changes the simulated cluster, and this cluster.yaml talks to a real one (simulate is false)", "use pve-agent run \"wake <node>\" to wake a real node");
            }

            var stateDirectory = Core.Storage.StateDirectory.EnsureCreated(environment.GetEnvironmentVariable);
            using var engine = ClusterSession.CreateSimulator(config, stateDirectory, environment.Clock);
            await engine.InitializeAsync(ct);
            await engine.SetNodeOnlineAsync(known.Name, online, ct);
            await environment.Out.WriteLineAsync(online
                ? $"{known.Name} is powered on in the simulator"
                : $"{known.Name} is asleep in the simulator{(known.WakeOnLan is null ? " (it has no wake_on_lan in cluster.yaml, so PveAgent cannot wake it)" : "; PveAgent wakes it with Wake-on-LAN when a task needs it")}");
            return ExitCodes.Success;
        });
        return command;
    }
}
