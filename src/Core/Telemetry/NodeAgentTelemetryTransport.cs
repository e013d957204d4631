using PveAgent.Core.Registry;

namespace PveAgent.Core.Telemetry;

/// <summary>
/// Reads telemetry from PveAgent's node agent over HTTP (<see cref="NodeAgentProtocol"/>): <c>telemetry.url</c> is the
/// agent's address and <c>telemetry.token_env</c> names the environment variable holding its bearer token.
/// </summary>
/// <param name="http">Client used for the requests.</param>
/// <param name="options">Settings; defaults when null.</param>
/// <param name="timeProvider">Clock for the request timeout.</param>
/// <param name="environment">Reads environment variables (default: the process environment).</param>
public sealed class NodeAgentTelemetryTransport(
    HttpClient http,
    HttpTelemetryOptions? options = null,
    TimeProvider? timeProvider = null,
    Func<string, string?>? environment = null) : ITelemetryTransport
{
    private readonly HttpClient _http = http ?? throw new ArgumentNullException(nameof(http));
    private readonly HttpTelemetryOptions _options = options ?? new HttpTelemetryOptions();
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly Func<string, string?> _environment = environment ?? Environment.GetEnvironmentVariable;

    /// <inheritdoc />
    public async Task<NodeTelemetryResult> ReadAsync(NodeConfig node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (Configure(node, out var baseUri, out var token) is { } invalid)
        {
            return new NodeTelemetryResult { Node = node.Name, Source = TelemetrySource.NodeAgent, Failures = [invalid] };
        }

        var nvidia = node.Accelerators.Any(a => a.Kind == AcceleratorKind.Nvidia)
            ? FetchAsync(baseUri, NodeAgentProtocol.NvidiaSmiPath, token, cancellationToken)
            : null;
        var tenstorrent = node.Accelerators.Any(a => a.Kind == AcceleratorKind.Tenstorrent)
            ? FetchAsync(baseUri, NodeAgentProtocol.TtSmiPath, token, cancellationToken)
            : null;

        var failures = new List<TelemetryFailure>();
        IReadOnlyList<GpuReading> gpus = [];
        TenstorrentSnapshot? snapshot = null;
        if (nvidia is not null)
        {
            var answer = await nvidia.ConfigureAwait(false);
            var parsed = Failure(answer, baseUri, NodeAgentProtocol.NvidiaSmiPath, node) is { } failure
                ? ParseResult.Fail<IReadOnlyList<GpuReading>>(failure)
                : ToolOutputs.Nvidia(answer.IsSuccess ? 0 : 1, answer.Body, answer.Body, $"{node.Name} (node agent)");
            if (parsed.Succeeded)
            {
                gpus = parsed.Value;
            }
            else
            {
                failures.Add(parsed.Failure);
            }
        }

        if (tenstorrent is not null)
        {
            var answer = await tenstorrent.ConfigureAwait(false);
            var parsed = Failure(answer, baseUri, NodeAgentProtocol.TtSmiPath, node) is { } failure
                ? ParseResult.Fail<TenstorrentSnapshot>(failure)
                : ToolOutputs.TtSmiSnapshot(answer.IsSuccess ? 0 : 1, answer.Body, answer.Body, $"{node.Name} (node agent)");
            if (parsed.Succeeded)
            {
                snapshot = parsed.Value;
            }
            else
            {
                failures.Add(parsed.Failure);
            }
        }

        return new NodeTelemetryResult
        {
            Node = node.Name,
            Source = TelemetrySource.NodeAgent,
            Gpus = gpus,
            Tenstorrent = snapshot,
            Failures = failures,
        };
    }

    private TelemetryFailure? Configure(NodeConfig node, out Uri baseUri, out string token)
    {
        baseUri = null!;
        token = string.Empty;
        if (node.Telemetry.Url is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return new TelemetryFailure(
                TelemetryFailureKind.Configuration,
                $"nodes.{node.Name}.telemetry.url is missing or not an http(s) URL: set it to the node agent's address, e.g. http://{node.Host}:<port>.");
        }

        if (string.IsNullOrWhiteSpace(node.Telemetry.TokenEnv))
        {
            return new TelemetryFailure(
                TelemetryFailureKind.Configuration,
                $"nodes.{node.Name}.telemetry.token_env is not set: name the environment variable that holds the node agent's token.");
        }

        var value = _environment(node.Telemetry.TokenEnv);
        if (string.IsNullOrWhiteSpace(value))
        {
            return new TelemetryFailure(
                TelemetryFailureKind.Configuration,
                $"environment variable {node.Telemetry.TokenEnv} (nodes.{node.Name}.telemetry.token_env) is empty: set it to the token the node agent was started with.");
        }

        baseUri = url;
        token = value.Trim();
        return null;
    }

    private async Task<HttpFetchResult> FetchAsync(Uri baseUri, string path, string token, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        return await HttpFetch.GetAsync(_http, HttpFetch.Combine(baseUri, path), token, linked.Token, cancellationToken).ConfigureAwait(false);
    }

    private TelemetryFailure? Failure(HttpFetchResult answer, Uri baseUri, string path, NodeConfig node)
    {
        if (answer.TimedOut)
        {
            return new TelemetryFailure(
                TelemetryFailureKind.Timeout, $"node agent at {baseUri} did not answer {path} within {_options.Timeout.TotalSeconds:0.#} s.");
        }

        if (!answer.Answered)
        {
            return new TelemetryFailure(
                TelemetryFailureKind.Unreachable,
                $"node agent at {baseUri} is unreachable ({answer.TransportError}): is `pve-agent node-agent` running on {node.Host}?");
        }

        return answer.StatusCode switch
        {
            401 or 403 => new TelemetryFailure(
                TelemetryFailureKind.Unauthorized,
                $"node agent at {baseUri} rejected the token from {node.Telemetry.TokenEnv}: set it to the token the agent was started with."),
            404 => new TelemetryFailure(
                TelemetryFailureKind.ServiceError,
                $"node agent at {baseUri} does not serve {path}: update pve-agent on {node.Host} (or telemetry.url points at something else)."),
            NodeAgentProtocol.ToolMissingStatus => new TelemetryFailure(
                TelemetryFailureKind.ToolMissing, $"node agent on {node.Name}: {ToolOutputs.Excerpt(answer.Body)}"),
            NodeAgentProtocol.ToolTimeoutStatus => new TelemetryFailure(
                TelemetryFailureKind.Timeout, $"node agent on {node.Name}: {ToolOutputs.Excerpt(answer.Body)}"),
            NodeAgentProtocol.ToolFailedStatus or (>= 200 and < 300) => null,
            _ => new TelemetryFailure(
                TelemetryFailureKind.ServiceError, $"node agent at {baseUri} answered {path} with HTTP {answer.StatusCode}: {ToolOutputs.Excerpt(answer.Body)}"),
        };
    }
}
