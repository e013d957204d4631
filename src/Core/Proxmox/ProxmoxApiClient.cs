using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using PveAgent.Core.Proxmox.Json;
using PveAgent.Core.Registry;

namespace PveAgent.Core.Proxmox;

/// <summary>
/// <see cref="IProxmoxApi"/> over an <see cref="HttpClient"/> built by <see cref="ProxmoxHttpClientFactory"/> (token header, TLS
/// pinning). Per-request timeouts, retry backoff and task polling run on the injected <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// Retries: GETs are retried on transient failures (connection errors, timeouts, 5xx other than PVE's "does not exist" or
/// "locked", 595/596); POST/PUT/DELETE only when the request provably never left this machine (connection refused, DNS),
/// because a write that may have reached PVE must not run twice.
/// </remarks>
public sealed partial class ProxmoxApiClient : IProxmoxApi, IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttpClient;
    private readonly ILogger<ProxmoxApiClient> _logger;
    private readonly TimeProvider _time;
    private readonly ProxmoxClientOptions _options;
    private readonly Uri _baseAddress;
    private readonly ResiliencePipeline _readPipeline;
    private readonly ResiliencePipeline _writePipeline;

    /// <summary>Creates a client on <paramref name="httpClient"/>, whose <see cref="HttpClient.BaseAddress"/> must be the API root (<c>…/api2/json/</c>).</summary>
    /// <param name="httpClient">Usually from <see cref="ProxmoxHttpClientFactory.Create"/>; not disposed by this client.</param>
    /// <param name="logger">Receives method, path, status and timing of each call, never headers.</param>
    /// <param name="timeProvider">Clock for request timeouts, retry delays and task polling.</param>
    /// <param name="options">Timeouts, retries and polling; defaults when null.</param>
    public ProxmoxApiClient(HttpClient httpClient, ILogger<ProxmoxApiClient> logger, TimeProvider timeProvider, ProxmoxClientOptions? options = null)
        : this(httpClient, ownsHttpClient: false, logger, timeProvider, options)
    {
    }

    private ProxmoxApiClient(HttpClient httpClient, bool ownsHttpClient, ILogger<ProxmoxApiClient> logger, TimeProvider timeProvider, ProxmoxClientOptions? options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _baseAddress = httpClient.BaseAddress is { AbsolutePath: var root } address && root.EndsWith('/')
            ? address
            : throw new ArgumentException("The HttpClient needs a BaseAddress pointing at the API root and ending in '/', e.g. https://pve1:8006/api2/json/.", nameof(httpClient));
        _http = httpClient;
        _ownsHttpClient = ownsHttpClient;
        _logger = logger;
        _time = timeProvider;
        _options = options ?? new ProxmoxClientOptions();
        _readPipeline = BuildPipeline(static error => error.Kind is PveErrorKind.ServerError or PveErrorKind.NodeUnreachable
            or PveErrorKind.Timeout or PveErrorKind.ConnectionRefused or PveErrorKind.HostNotFound);
        _writePipeline = BuildPipeline(static error => !error.RequestSent && error.Kind is PveErrorKind.ConnectionRefused or PveErrorKind.HostNotFound);
    }

    /// <summary>
    /// Builds a client for a cluster.yaml <c>proxmox:</c> section: TLS per its fingerprint / insecure setting, request timeout
    /// from <see cref="ProxmoxConnectionConfig.TimeoutSeconds"/>. The client owns (and disposes) its <see cref="HttpClient"/>.
    /// </summary>
    /// <param name="connection">Host, port, TLS settings.</param>
    /// <param name="credentials">The token (see <see cref="ProxmoxCredentials.Resolve"/>).</param>
    /// <param name="loggerFactory">Logger source.</param>
    /// <param name="timeProvider">Clock; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="innerHandler">Transport replacing the TLS socket handler (the in-process simulator); the client takes ownership.</param>
    /// <param name="baseAddress">API root replacing <see cref="ProxmoxConnectionConfig.BaseAddress"/> (e.g. <c>http://sim/api2/json/</c>).</param>
    /// <param name="options">Timeouts, retries and polling; when null, defaults with <see cref="ProxmoxClientOptions.RequestTimeout"/> from <see cref="ProxmoxConnectionConfig.TimeoutSeconds"/>.</param>
    public static ProxmoxApiClient Create(
        ProxmoxConnectionConfig connection,
        ProxmoxCredentials credentials,
        ILoggerFactory loggerFactory,
        TimeProvider? timeProvider = null,
        HttpMessageHandler? innerHandler = null,
        Uri? baseAddress = null,
        ProxmoxClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        options ??= new ProxmoxClientOptions { RequestTimeout = TimeSpan.FromSeconds(connection.TimeoutSeconds) };
        var http = ProxmoxHttpClientFactory.Create(connection, credentials, loggerFactory.CreateLogger(typeof(ProxmoxHttpClientFactory)), innerHandler, baseAddress);
        return new ProxmoxApiClient(http, ownsHttpClient: true, loggerFactory.CreateLogger<ProxmoxApiClient>(), timeProvider ?? TimeProvider.System, options);
    }

    /// <summary>Disposes the <see cref="HttpClient"/> when this client created it.</summary>
    public void Dispose()
    {
        if (_ownsHttpClient)
        {
            _http.Dispose();
        }
    }

    private async Task<T> GetAsync<T>(ApiPath path, PveParameters? parameters, JsonTypeInfo<PveEnvelope<T>> typeInfo, CancellationToken cancellationToken)
    {
        var envelope = await SendAsync(HttpMethod.Get, path, parameters, typeInfo, cancellationToken);
        return RequireData(envelope, HttpMethod.Get, path);
    }

    private async Task<Upid> SendForTaskAsync(HttpMethod method, ApiPath path, PveParameters? parameters, CancellationToken cancellationToken)
    {
        var envelope = await SendAsync(method, path, parameters, PveJsonContext.Default.StringEnvelope, cancellationToken);
        return ParseUpid(RequireData(envelope, method, path), method, path);
    }

    private Upid ParseUpid(string text, HttpMethod method, ApiPath path) =>
        Upid.TryParse(text, out var upid)
            ? upid
            : throw LogProtocolError(PveErrors.Protocol(Context(method, path), $"expected a task id (UPID:…), got '{text}'."));

    private T RequireData<T>(PveEnvelope<T> envelope, HttpMethod method, ApiPath path) =>
        envelope.Data is { } data
            ? data
            : throw LogProtocolError(PveErrors.Protocol(Context(method, path), "\"data\" was null or missing."));

    private Task<PveEnvelope<T>> SendAsync<T>(HttpMethod method, ApiPath path, PveParameters? parameters, JsonTypeInfo<PveEnvelope<T>> typeInfo, CancellationToken cancellationToken)
    {
        var pipeline = method == HttpMethod.Get ? _readPipeline : _writePipeline;
        var call = new Call<T>(method, path, parameters ?? PveParameters.None, typeInfo);
        return pipeline.ExecuteAsync(static (state, token) => state.Client.AttemptAsync(state.Call, token), (Client: this, Call: call), cancellationToken).AsTask();
    }

    private async ValueTask<PveEnvelope<T>> AttemptAsync<T>(Call<T> call, CancellationToken cancellationToken)
    {
        var context = Context(call.Method, call.Path);
        using var request = CreateRequest(call);
        using var timeout = _options.RequestTimeout == Timeout.InfiniteTimeSpan ? null : new CancellationTokenSource(_options.RequestTimeout, _time);
        using var linked = timeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var token = linked?.Token ?? cancellationToken;
        var started = _time.GetTimestamp();
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
            var body = await response.Content.ReadAsByteArrayAsync(token);
            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                throw LogFailure(PveErrors.FromResponse(context, status, response.ReasonPhrase, body), started);
            }

            var elapsedMs = ElapsedMs(started);
            ProxmoxLog.RequestCompleted(_logger, context.Method, context.Path, status, elapsedMs);
            return Deserialize(body, call.TypeInfo, context);
        }
        catch (OperationCanceledException ex) when (timeout?.IsCancellationRequested == true && !cancellationToken.IsCancellationRequested)
        {
            throw LogFailure(PveErrors.Timeout(context, _options.RequestTimeout, ex), started);
        }
        catch (HttpRequestException ex)
        {
            throw LogFailure(PveErrors.FromTransport(context, ex), started);
        }
    }

    private static HttpRequestMessage CreateRequest<T>(Call<T> call)
    {
        var hasBody = call.Method == HttpMethod.Post || call.Method == HttpMethod.Put;
        var encoded = call.Parameters.Encode();
        var uri = hasBody || encoded.Length == 0 ? call.Path.Relative : $"{call.Path.Relative}?{encoded}";
        var request = new HttpRequestMessage(call.Method, new Uri(uri, UriKind.Relative));
        if (hasBody && encoded.Length > 0)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(encoded));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded");
        }

        return request;
    }

    private PveEnvelope<T> Deserialize<T>(byte[] body, JsonTypeInfo<PveEnvelope<T>> typeInfo, CallContext context)
    {
        try
        {
            return (body.Length == 0 ? null : JsonSerializer.Deserialize(body, typeInfo))
                ?? throw LogProtocolError(PveErrors.Protocol(context, "the body was empty; expected {\"data\": …}."));
        }
        catch (JsonException ex)
        {
            throw LogProtocolError(PveErrors.Protocol(context, ex.Message, ex));
        }
    }

    private ResiliencePipeline BuildPipeline(Func<PveApiException, bool> isTransient)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = _time };
        if (_options.MaxRetryAttempts == 0)
        {
            return builder.Build();
        }

        return builder.AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle(isTransient),
            MaxRetryAttempts = _options.MaxRetryAttempts,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = _options.RetryBaseDelay,
            OnRetry = args =>
            {
                if (args.Outcome.Exception is PveApiException error)
                {
                    ProxmoxLog.Retrying(_logger, error.Method ?? "?", error.Path ?? "?", (long)args.RetryDelay.TotalMilliseconds, args.AttemptNumber + 1, error.Kind);
                }

                return default;
            },
        }).Build();
    }

    private PveApiException LogFailure(PveApiException error, long started)
    {
        // Each attempt is logged for the file; the final failure reaches the user as the exception, so stderr stays quiet.
        var level = error.Kind is PveErrorKind.NotFound or PveErrorKind.InvalidParameters ? LogLevel.Debug : LogLevel.Information;
        var elapsedMs = ElapsedMs(started);
        ProxmoxLog.RequestFailed(_logger, level, error.Method ?? "?", error.Path ?? "?", error.Kind, error.StatusCode, elapsedMs);
        return error;
    }

    private PveApiException LogProtocolError(PveApiException error)
    {
        ProxmoxLog.RequestFailed(_logger, LogLevel.Warning, error.Method ?? "?", error.Path ?? "?", error.Kind, null, 0);
        return error;
    }

    private long ElapsedMs(long started) => (long)_time.GetElapsedTime(started).TotalMilliseconds;

    private CallContext Context(HttpMethod method, ApiPath path) => new(method.Method, path.Display, _baseAddress);

    private sealed record Call<T>(HttpMethod Method, ApiPath Path, PveParameters Parameters, JsonTypeInfo<PveEnvelope<T>> TypeInfo);
}
