using PveAgent.Core.Registry;

namespace PveAgent.Core.Telemetry;

/// <summary>
/// Reads GPU telemetry by scraping an existing Prometheus exporter at <c>telemetry.url</c>: NVIDIA's DCGM exporter or
/// nvidia_gpu_exporter (see <see cref="GpuExporterParser"/>). Exporters cover NVIDIA GPUs only.
/// </summary>
/// <param name="http">Client used for the scrape.</param>
/// <param name="options">Settings; defaults when null.</param>
/// <param name="timeProvider">Clock for the request timeout.</param>
public sealed class ExporterTelemetryTransport(HttpClient http, HttpTelemetryOptions? options = null, TimeProvider? timeProvider = null)
    : ITelemetryTransport
{
    private readonly HttpClient _http = http ?? throw new ArgumentNullException(nameof(http));
    private readonly HttpTelemetryOptions _options = options ?? new HttpTelemetryOptions();
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <inheritdoc />
    public async Task<NodeTelemetryResult> ReadAsync(NodeConfig node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        var failures = new List<TelemetryFailure>();
        if (node.Accelerators.Any(a => a.Kind == AcceleratorKind.Tenstorrent))
        {
            failures.Add(new TelemetryFailure(
                TelemetryFailureKind.Configuration,
                $"nodes.{node.Name}: exporter telemetry covers NVIDIA GPUs only; read its Tenstorrent cards with telemetry.source ssh or node-agent."));
        }

        if (node.Telemetry.Url is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add(new TelemetryFailure(
                TelemetryFailureKind.Configuration,
                $"nodes.{node.Name}.telemetry.url is missing or not an http(s) URL: set it to the exporter's metrics URL, e.g. http://{node.Host}:9400/metrics."));
            return Result(node, [], failures);
        }

        HttpFetchResult answer;
        using (var timeout = new CancellationTokenSource(_options.Timeout, _time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
        {
            answer = await HttpFetch.GetAsync(_http, url, null, linked.Token, cancellationToken).ConfigureAwait(false);
        }

        if (answer.TimedOut)
        {
            failures.Add(new TelemetryFailure(TelemetryFailureKind.Timeout, $"exporter at {url} did not answer within {_options.Timeout.TotalSeconds:0.#} s."));
        }
        else if (!answer.Answered)
        {
            failures.Add(new TelemetryFailure(
                TelemetryFailureKind.Unreachable, $"exporter at {url} is unreachable ({answer.TransportError}): is it running on {node.Host}?"));
        }
        else if (!answer.IsSuccess)
        {
            failures.Add(new TelemetryFailure(
                TelemetryFailureKind.ServiceError, $"exporter at {url} answered HTTP {answer.StatusCode}: check telemetry.url (usually …/metrics)."));
        }
        else
        {
            var parsed = GpuExporterParser.Parse(PrometheusTextParser.Parse(answer.Body));
            if (parsed.Succeeded)
            {
                return Result(node, parsed.Value, failures);
            }

            failures.Add(parsed.Failure with { Message = $"exporter at {url}: {parsed.Failure.Message}" });
        }

        return Result(node, [], failures);
    }

    private static NodeTelemetryResult Result(NodeConfig node, IReadOnlyList<GpuReading> gpus, List<TelemetryFailure> failures) =>
        new() { Node = node.Name, Source = TelemetrySource.Exporter, Gpus = gpus, Failures = failures };
}
