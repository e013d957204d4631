using PveAgent.Core.Registry;

namespace PveAgent.Core.Telemetry;

/// <summary>
/// Probes inference services for what is warm and how busy they are: Ollama (<c>/api/version</c>, <c>/api/ps</c>,
/// <c>/api/tags</c>), vLLM (<c>/v1/models</c>, <c>/metrics</c>), llama.cpp (<c>/health</c>, <c>/v1/models</c>, router
/// <c>/models</c>, <c>/slots</c>), whisper servers (<c>/v1/models</c>, else reachability) and Triton
/// (<c>/v2/health/ready</c>). A service's requests run in parallel under one short timeout; services probe in parallel.
/// Expected failures are reported in the result, never thrown.
/// </summary>
/// <param name="http">Client for the requests (inject the simulator's handler to probe simulated services).</param>
/// <param name="options">Settings; defaults when null.</param>
/// <param name="timeProvider">Clock for the timeout.</param>
public sealed class InferenceServiceProbe(HttpClient http, InferenceProbeOptions? options = null, TimeProvider? timeProvider = null)
{
    private readonly HttpClient _http = http ?? throw new ArgumentNullException(nameof(http));
    private readonly InferenceProbeOptions _options = options ?? new InferenceProbeOptions();
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>The service's base URL: its explicit <c>url</c>, else <c>http://&lt;node host&gt;:&lt;port&gt;/</c>.</summary>
    public static Uri ResolveUrl(NodeConfig node, ServiceConfig service)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(service);
        if (service.Url is { IsAbsoluteUri: true } url)
        {
            return url;
        }

        var host = node.Host.Contains(':', StringComparison.Ordinal) ? $"[{node.Host}]" : node.Host;
        return new Uri($"http://{host}:{service.Port}/");
    }

    /// <summary>Probes every service of every node in parallel; results follow registry order.</summary>
    public async Task<IReadOnlyList<ServiceProbeResult>> ProbeAllAsync(IEnumerable<NodeConfig> nodes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var probes = nodes.SelectMany(n => n.Services.Select(s => ProbeAsync(n, s, cancellationToken))).ToArray();
        return await Task.WhenAll(probes).ConfigureAwait(false);
    }

    /// <summary>Probes one registry service.</summary>
    public async Task<ServiceProbeResult> ProbeAsync(NodeConfig node, ServiceConfig service, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(service);
        var result = await ProbeAsync(service.Kind, ResolveUrl(node, service), cancellationToken).ConfigureAwait(false);
        return result with { Node = node.Name, Service = service.Name };
    }

    /// <summary>Probes the service of <paramref name="kind"/> at <paramref name="baseUrl"/>.</summary>
    public async Task<ServiceProbeResult> ProbeAsync(ServiceKind kind, Uri baseUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!baseUrl.IsAbsoluteUri)
        {
            throw new ArgumentException($"The service URL must be absolute, got \"{baseUrl}\".", nameof(baseUrl));
        }

        using var timeout = new CancellationTokenSource(_options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var probe = new Probe(this, kind, baseUrl, linked.Token, cancellationToken);
        return kind switch
        {
            ServiceKind.Ollama => await probe.OllamaAsync().ConfigureAwait(false),
            ServiceKind.Vllm => await probe.VllmAsync().ConfigureAwait(false),
            ServiceKind.LlamaCpp => await probe.LlamaCppAsync().ConfigureAwait(false),
            ServiceKind.Whisper => await probe.WhisperAsync().ConfigureAwait(false),
            ServiceKind.Triton => await probe.TritonAsync().ConfigureAwait(false),
            _ => new ServiceProbeResult { Kind = kind, Url = baseUrl, Error = $"PveAgent cannot probe {kind} services." },
        };
    }

    private static string Label(ServiceKind kind) => kind switch
    {
        ServiceKind.Ollama => "Ollama",
        ServiceKind.Vllm => "vLLM",
        ServiceKind.LlamaCpp => "llama.cpp",
        ServiceKind.Whisper => "whisper server",
        ServiceKind.Triton => "Triton",
        _ => kind.ToString(),
    };

    private static double? SumOrNull(IEnumerable<double?> values)
    {
        var known = values.Where(v => v is not null).ToList();
        return known.Count == 0 ? null : known.Sum();
    }

    /// <summary>One probe of one service: its URL, its deadline and the shared parts of every protocol.</summary>
    private sealed class Probe(InferenceServiceProbe owner, ServiceKind kind, Uri baseUrl, CancellationToken requestToken, CancellationToken callerToken)
    {
        private readonly List<string> _warnings = [];

        public async Task<ServiceProbeResult> OllamaAsync()
        {
            var version = GetAsync(OllamaParser.VersionPath);
            var ps = GetAsync(OllamaParser.PsPath);
            var tags = GetAsync(OllamaParser.TagsPath);
            await Task.WhenAll(version, ps, tags).ConfigureAwait(false);
            if (!ps.Result.Answered && !version.Result.Answered && !tags.Result.Answered)
            {
                return Unreachable(ps.Result);
            }

            IReadOnlyList<ProbedModel> loaded = [];
            string? error = null;
            var parsedPs = ps.Result.IsSuccess ? OllamaParser.ParseLoadedModels(ps.Result.Body) : null;
            if (parsedPs is { Succeeded: true })
            {
                loaded = parsedPs.Value.Select(m => new ProbedModel
                {
                    Name = m.Name,
                    SizeBytes = m.SizeBytes,
                    VramBytes = m.VramBytes,
                    ExpiresAt = m.ExpiresAt,
                    ContextLength = m.ContextLength,
                }).ToArray();
            }
            else
            {
                error = parsedPs?.Failure?.Message ?? Describe(OllamaParser.PsPath, ps.Result, "is this an Ollama server?");
            }

            IReadOnlyList<string> available = [];
            var parsedTags = tags.Result.IsSuccess ? OllamaParser.ParseInstalledModels(tags.Result.Body) : null;
            if (parsedTags is { Succeeded: true })
            {
                available = parsedTags.Value.Select(m => m.Name).ToArray();
            }
            else
            {
                _warnings.Add(parsedTags?.Failure?.Message ?? Describe(OllamaParser.TagsPath, tags.Result, "installed models unknown."));
            }

            var parsedVersion = version.Result.IsSuccess ? OllamaParser.ParseVersion(version.Result.Body) : null;
            if (parsedVersion is not { Succeeded: true })
            {
                _warnings.Add(parsedVersion?.Failure?.Message ?? Describe(OllamaParser.VersionPath, version.Result, "version unknown."));
            }

            return Result() with
            {
                Reachable = true,
                Ready = error is null ? true : null,
                Version = parsedVersion?.Value,
                Loaded = loaded,
                Available = available,
                Error = error,
            };
        }

        public async Task<ServiceProbeResult> VllmAsync()
        {
            var models = GetAsync(OpenAiModelsParser.Path);
            var metrics = GetAsync(LlamaCppParser.MetricsPath);
            await Task.WhenAll(models, metrics).ConfigureAwait(false);
            if (!models.Result.Answered && !metrics.Result.Answered)
            {
                return Unreachable(models.Result);
            }

            var result = Result() with { Reachable = true };
            var parsed = models.Result.IsSuccess ? OpenAiModelsParser.Parse(models.Result.Body) : null;
            if (parsed is { Succeeded: true })
            {
                // vLLM serves exactly the models it was started with: everything listed is resident.
                result = result with
                {
                    Ready = true,
                    Loaded = parsed.Value.Select(m => new ProbedModel { Name = m.Id, ContextLength = m.MaxModelLength }).ToArray(),
                    Available = parsed.Value.Select(m => m.Id).ToArray(),
                };
            }
            else
            {
                var hint = models.Result.StatusCode == 401 ? "the server requires an API key (--api-key)." : "is this a vLLM server?";
                result = result with { Error = parsed?.Failure?.Message ?? Describe(OpenAiModelsParser.Path, models.Result, hint) };
            }

            if (metrics.Result.IsSuccess)
            {
                var loads = VllmMetrics.Read(PrometheusTextParser.Parse(metrics.Result.Body));
                if (loads.Count == 0)
                {
                    _warnings.Add($"vLLM {LlamaCppParser.MetricsPath} has no {VllmMetrics.RequestsRunning} samples: load unknown.");
                }

                result = result with
                {
                    RequestsRunning = SumOrNull(loads.Select(l => l.RequestsRunning)),
                    RequestsWaiting = SumOrNull(loads.Select(l => l.RequestsWaiting)),
                    KvCacheUsage = loads.Select(l => l.KvCacheUsage).Where(k => k is not null).Max(),
                };
            }
            else
            {
                _warnings.Add(Describe(LlamaCppParser.MetricsPath, metrics.Result, "load unknown."));
            }

            return result with { Warnings = _warnings.ToArray() };
        }

        public async Task<ServiceProbeResult> LlamaCppAsync()
        {
            var health = GetAsync(LlamaCppParser.HealthPath);
            var models = GetAsync(OpenAiModelsParser.Path);
            var router = GetAsync(LlamaCppParser.RouterModelsPath);
            var slots = GetAsync(LlamaCppParser.SlotsPath);
            await Task.WhenAll(health, models, router, slots).ConfigureAwait(false);
            if (!health.Result.Answered && !models.Result.Answered && !router.Result.Answered && !slots.Result.Answered)
            {
                return Unreachable(health.Result);
            }

            var result = Result() with { Reachable = true };
            LlamaCppHealth? state = null;
            if (health.Result.Answered)
            {
                state = LlamaCppParser.ParseHealth(health.Result.StatusCode!.Value, health.Result.Body);
                result = result with { Ready = state.IsReady };
                if (state.Status == LlamaCppHealthStatus.Error)
                {
                    result = result with { Error = $"llama.cpp at {baseUrl} is unhealthy: {state.Message}" };
                }
                else if (state.Status == LlamaCppHealthStatus.Loading)
                {
                    _warnings.Add($"llama.cpp at {baseUrl} is still loading its model ({state.Message}).");
                }
            }

            var routerModels = router.Result.IsSuccess ? LlamaCppParser.ParseRouterModels(router.Result.Body) : null;
            if (routerModels is { Succeeded: true } && routerModels.Value.Any(m => m.RawStatus is not null))
            {
                // Router mode: the per-model status is the warm signal.
                result = result with
                {
                    Loaded = routerModels.Value.Where(m => m.IsWarm).Select(m => new ProbedModel { Name = m.Id }).ToArray(),
                    Available = routerModels.Value.Select(m => m.Id).ToArray(),
                };
                _warnings.AddRange(routerModels.Value.Where(m => m.Failed)
                    .Select(m => $"llama.cpp model {m.Id} crashed (exit code {m.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"})."));
            }
            else
            {
                var parsed = models.Result.IsSuccess ? OpenAiModelsParser.Parse(models.Result.Body) : null;
                if (parsed is { Succeeded: true })
                {
                    var ready = state is null || state.IsReady;
                    result = result with
                    {
                        // A model still loading is listed but not warm.
                        Loaded = ready
                            ? parsed.Value.Select(m => new ProbedModel { Name = m.Id, SizeBytes = m.SizeBytes, ContextLength = m.TrainedContextLength }).ToArray()
                            : [],
                        Available = parsed.Value.Select(m => m.Id).ToArray(),
                    };
                }
                else if (result.Error is null && state?.Status != LlamaCppHealthStatus.Loading)
                {
                    result = result with { Error = parsed?.Failure?.Message ?? Describe(OpenAiModelsParser.Path, models.Result, "is this a llama.cpp server?") };
                }
            }

            var parsedSlots = slots.Result.IsSuccess ? LlamaCppParser.ParseSlots(slots.Result.Body) : null;
            if (parsedSlots is { Succeeded: true })
            {
                result = result with { RequestsRunning = parsedSlots.Value.Busy, Slots = parsedSlots.Value.Total };
            }
            else
            {
                // /slots can be disabled (--no-slots); the Prometheus gauges (--metrics) carry the same signal.
                var metrics = await GetAsync(LlamaCppParser.MetricsPath).ConfigureAwait(false);
                if (metrics.IsSuccess)
                {
                    var load = LlamaCppMetrics.Read(PrometheusTextParser.Parse(metrics.Body));
                    result = result with { RequestsRunning = load.RequestsProcessing, RequestsWaiting = load.RequestsDeferred, KvCacheUsage = load.KvCacheUsage };
                }
                else
                {
                    _warnings.Add($"llama.cpp at {baseUrl} exposes neither {LlamaCppParser.SlotsPath} nor {LlamaCppParser.MetricsPath}: load unknown.");
                }
            }

            return result with { Warnings = _warnings.ToArray() };
        }

        public async Task<ServiceProbeResult> WhisperAsync()
        {
            var models = await GetAsync(OpenAiModelsParser.Path).ConfigureAwait(false);
            if (!models.Answered)
            {
                return Unreachable(models);
            }

            var parsed = models.IsSuccess ? OpenAiModelsParser.Parse(models.Body) : null;
            if (parsed is { Succeeded: true })
            {
                // Whisper servers list the models they can load on demand; the list says nothing about what is resident.
                return Result() with { Reachable = true, Available = parsed.Value.Select(m => m.Id).ToArray() };
            }

            _warnings.Add($"whisper server at {baseUrl} answers but has no usable {OpenAiModelsParser.Path}: only reachability is known.");
            return Result() with { Reachable = true, Warnings = _warnings.ToArray() };
        }

        public async Task<ServiceProbeResult> TritonAsync()
        {
            const string ReadyPath = "/v2/health/ready";
            var ready = await GetAsync(ReadyPath).ConfigureAwait(false);
            if (!ready.Answered)
            {
                return Unreachable(ready);
            }

            if (!ready.IsSuccess)
            {
                _warnings.Add($"Triton at {baseUrl} is up but not ready ({ReadyPath} answered HTTP {ready.StatusCode}).");
            }

            return Result() with { Reachable = true, Ready = ready.IsSuccess, Warnings = _warnings.ToArray() };
        }

        private Task<HttpFetchResult> GetAsync(string path) =>
            HttpFetch.GetAsync(owner._http, HttpFetch.Combine(baseUrl, path), null, requestToken, callerToken);

        private ServiceProbeResult Result() => new() { Kind = kind, Url = baseUrl, Warnings = _warnings.ToArray() };

        private ServiceProbeResult Unreachable(HttpFetchResult answer) => Result() with
        {
            Reachable = false,
            Error = answer.TimedOut
                ? $"{Label(kind)} at {baseUrl} did not answer within {owner._options.Timeout.TotalSeconds:0.#} s."
                : $"{Label(kind)} at {baseUrl} is unreachable ({answer.TransportError}): is the service (or the guest hosting it) running?",
        };

        private string Describe(string path, HttpFetchResult answer, string consequence)
        {
            if (answer.TimedOut)
            {
                return $"{Label(kind)} {path} did not answer in time: {consequence}";
            }

            if (!answer.Answered)
            {
                return $"{Label(kind)} {path} failed ({answer.TransportError}): {consequence}";
            }

            var message = ServiceErrorBody.Read(answer.Body);
            return $"{Label(kind)} {path} answered HTTP {answer.StatusCode}{(message is null ? string.Empty : $" ({message})")}: {consequence}";
        }
    }
}
