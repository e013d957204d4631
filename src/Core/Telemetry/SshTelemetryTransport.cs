using System.Text.RegularExpressions;
using PveAgent.Core.Registry;

namespace PveAgent.Core.Telemetry;

/// <summary>
/// Reads telemetry by running nvidia-smi / tt-smi on the node through the system <c>ssh</c> client with the user's keys
/// (<c>ssh -o BatchMode=yes -o ConnectTimeout=5 user@host nvidia-smi …</c>). Which tools run follows the node's
/// configured accelerator kinds; both run in parallel when the node has both.
/// </summary>
/// <param name="runner">Runs the ssh client.</param>
/// <param name="options">Settings; defaults when null.</param>
public sealed partial class SshTelemetryTransport(IProcessRunner runner, SshTelemetryOptions? options = null) : ITelemetryTransport
{
    private const int SshConnectionFailed = 255;
    private const int CommandNotFound = 127;
    private readonly IProcessRunner _runner = runner ?? throw new ArgumentNullException(nameof(runner));
    private readonly SshTelemetryOptions _options = options ?? new SshTelemetryOptions();

    /// <inheritdoc />
    public async Task<NodeTelemetryResult> ReadAsync(NodeConfig node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (Validate(node) is { } invalid)
        {
            return new NodeTelemetryResult { Node = node.Name, Source = TelemetrySource.Ssh, Failures = [invalid] };
        }

        var destination = $"{node.Telemetry.SshUser}@{node.Host}";
        var wantsNvidia = node.Accelerators.Any(a => a.Kind == AcceleratorKind.Nvidia);
        var wantsTenstorrent = node.Accelerators.Any(a => a.Kind == AcceleratorKind.Tenstorrent);

        var nvidia = wantsNvidia ? ReadNvidiaAsync(destination, cancellationToken) : null;
        var tenstorrent = wantsTenstorrent ? ReadTenstorrentAsync(destination, cancellationToken) : null;
        var failures = new List<TelemetryFailure>();
        IReadOnlyList<GpuReading> gpus = [];
        TenstorrentSnapshot? snapshot = null;

        if (nvidia is not null)
        {
            var result = await nvidia.ConfigureAwait(false);
            if (result.Succeeded)
            {
                gpus = result.Value;
            }
            else
            {
                failures.Add(result.Failure);
            }
        }

        if (tenstorrent is not null)
        {
            var result = await tenstorrent.ConfigureAwait(false);
            if (result.Succeeded)
            {
                snapshot = result.Value;
            }
            else
            {
                failures.Add(result.Failure);
            }
        }

        return new NodeTelemetryResult
        {
            Node = node.Name,
            Source = TelemetrySource.Ssh,
            Gpus = gpus,
            Tenstorrent = snapshot,
            Failures = failures,
        };
    }

    /// <summary>The full ssh argument list for running <paramref name="remoteCommand"/> on <paramref name="destination"/>.</summary>
    internal IReadOnlyList<string> Arguments(string destination, IReadOnlyList<string> remoteCommand) =>
    [
        "-o", "BatchMode=yes",
        "-o", $"ConnectTimeout={_options.ConnectTimeoutSeconds}",
        destination,
        .. remoteCommand,
    ];

    private async Task<ParseResult<IReadOnlyList<GpuReading>>> ReadNvidiaAsync(string destination, CancellationToken cancellationToken)
    {
        var result = await RunAsync(destination, [ToolOutputs.NvidiaSmi, .. NvidiaSmiCsvParser.GpuQueryArguments], cancellationToken)
            .ConfigureAwait(false);
        return TransportFailure(result, destination, ToolOutputs.NvidiaSmi) is { } failure
            ? ParseResult.Fail<IReadOnlyList<GpuReading>>(failure)
            : ToolOutputs.Nvidia(result.ExitCode, result.StandardOutput, result.CombinedOutput, destination);
    }

    private async Task<ParseResult<TenstorrentSnapshot>> ReadTenstorrentAsync(string destination, CancellationToken cancellationToken)
    {
        var result = await RunAsync(destination, [ToolOutputs.TtSmi, .. TtSmiSnapshotParser.Arguments], cancellationToken)
            .ConfigureAwait(false);
        return TransportFailure(result, destination, ToolOutputs.TtSmi) is { } failure
            ? ParseResult.Fail<TenstorrentSnapshot>(failure)
            : ToolOutputs.TtSmiSnapshot(result.ExitCode, result.StandardOutput, result.CombinedOutput, destination);
    }

    private Task<ProcessResult> RunAsync(string destination, IReadOnlyList<string> remoteCommand, CancellationToken cancellationToken) =>
        _runner.RunAsync(
            new ProcessRequest
            {
                FileName = _options.SshExecutable,
                Arguments = Arguments(destination, remoteCommand),
                Timeout = _options.CommandTimeout,
            },
            cancellationToken);

    private TelemetryFailure? TransportFailure(ProcessResult result, string destination, string tool)
    {
        if (!result.Started)
        {
            return new TelemetryFailure(
                TelemetryFailureKind.ToolMissing,
                $"{result.StartError}: install the OpenSSH client, or set telemetry.source to node-agent or none for this node.");
        }

        if (result.TimedOut)
        {
            return new TelemetryFailure(
                TelemetryFailureKind.Timeout,
                $"ssh {destination} {tool} did not finish within {_options.CommandTimeout.TotalSeconds:0.#} s: check that {tool} does not hang on that host.");
        }

        if (result.ExitCode == SshConnectionFailed)
        {
            var reason = LastLine(result.StandardError) ?? "exit code 255";
            return new TelemetryFailure(
                TelemetryFailureKind.Unreachable,
                $"ssh to {destination} failed: {reason}, check that key-based ssh works: ssh {destination} true");
        }

        if (result.ExitCode == CommandNotFound)
        {
            return new TelemetryFailure(
                TelemetryFailureKind.ToolMissing,
                $"{tool} is not installed on {destination} (or not on the PATH of a non-interactive shell): install it there, " +
                "or remove the accelerator from the node in cluster.yaml.");
        }

        return null;
    }

    private static TelemetryFailure? Validate(NodeConfig node)
    {
        // Host and user become one argv entry; a leading '-' would make ssh read it as an option.
        if (!HostName().IsMatch(node.Host) && !IpV6().IsMatch(node.Host))
        {
            return new TelemetryFailure(
                TelemetryFailureKind.Configuration,
                $"nodes.{node.Name}.host \"{node.Host}\" is not a hostname or IP address: fix it in cluster.yaml.");
        }

        if (!UserName().IsMatch(node.Telemetry.SshUser))
        {
            return new TelemetryFailure(
                TelemetryFailureKind.Configuration,
                $"nodes.{node.Name}.telemetry.ssh_user \"{node.Telemetry.SshUser}\" is not a valid user name: use letters, digits, '_', '.', '-'.");
        }

        return null;
    }

    private static string? LastLine(string text) =>
        text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).LastOrDefault();

    [GeneratedRegex(@"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*\.?$")]
    private static partial Regex HostName();

    [GeneratedRegex(@"^[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:%[A-Za-z0-9_.]+)?$")]
    private static partial Regex IpV6();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.-]{0,31}$")]
    private static partial Regex UserName();
}
