using System.CommandLine;
using System.Net;
using PveAgent.Cli.Composition;

namespace PveAgent.Cli.Commands;

/// <summary>
/// <c>pve-agent init</c>: writes a starting cluster.yaml — the sample home lab, simulated, so every command works at
/// once — or, with <c>--proxmox-host</c>, one that talks to a real Proxmox host (token and nodes still to fill in).
/// </summary>
internal sealed class InitCommand(CliEnvironment environment, CliOptions options)
{
    public Command Build()
    {
        var host = new Option<string?>("--proxmox-host") { Description = "Talk to this Proxmox host instead of the simulator (IP or hostname)", HelpName = "host" };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing file" };
        var command = new Command("init", "Write a starting cluster.yaml here: the simulated sample home lab, or your Proxmox host with --proxmox-host") { host, force };
        command.SetAction(async (parse, ct) =>
        {
            var path = Path.GetFullPath(parse.GetValue(options.Config) ?? "cluster.yaml", environment.CurrentDirectory);
            if (File.Exists(path) && !parse.GetValue(force))
            {
                throw new UserFacingException($"{ConfigLoading.DisplayPath(environment, path)} already exists; nothing was written", "use --force to overwrite it, or --config to write another file", ExitCodes.Usage);
            }

            var sample = Path.Combine(AppContext.BaseDirectory, "cluster.yaml");
            if (!File.Exists(sample))
            {
                throw new UserFacingException($"the sample cluster.yaml that ships with pve-agent is missing ({sample})", "reinstall the tool, or copy cluster.yaml from the PveAgent repository");
            }

            var text = await File.ReadAllTextAsync(sample, ct);
            if (parse.GetValue(host) is { } proxmoxHost)
            {
                if (Uri.CheckHostName(proxmoxHost) == UriHostNameType.Unknown && !IPAddress.TryParse(proxmoxHost, out _))
                {
                    throw new UserFacingException($"--proxmox-host '{proxmoxHost}' is neither an IP address nor a hostname", "e.g. --proxmox-host 192.168.0.2", ExitCodes.Usage);
                }

                text = text
                    .Replace("  simulate: true                 # false: talk to the Proxmox host below", "  simulate: false                # true: use the built-in simulator instead", StringComparison.Ordinal)
                    .Replace("    host: 192.168.0.2", "    host: " + proxmoxHost, StringComparison.Ordinal);
            }

            var temporary = path + ".pveagent-tmp";
            await File.WriteAllTextAsync(temporary, text, ct);
            File.Move(temporary, path, overwrite: true);
            var display = ConfigLoading.DisplayPath(environment, path);
            await environment.Out.WriteLineAsync(parse.GetValue(host) is null
                ? $"wrote {display}: the sample home lab, simulated. Try: pve-agent status"
                : $"wrote {display} for {parse.GetValue(host)}. Next: create an API token (README: \"Pointing PveAgent at a real cluster\"), export PVEAGENT_TOKEN=<secret>, describe your nodes, then: pve-agent discover --write && pve-agent validate");
            return ExitCodes.Success;
        });
        return command;
    }
}
