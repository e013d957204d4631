using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PveAgent.Core.Registry;
using PveAgent.Simulator.Hosting;

namespace PveAgent.Simulator;

/// <summary>
/// Serves the simulator over real sockets (<c>pve-agent sim serve</c>): the Proxmox API over HTTPS with a self-signed
/// certificate whose fingerprint stays the same between runs, and each simulated service over plain HTTP on its own port.
/// </summary>
public sealed partial class SimulatorServer : IAsyncDisposable
{
    /// <summary>File name of the persisted certificate beside the state file.</summary>
    public const string CertificateFileName = "simulator-tls.pfx";

    private readonly SimulatorEngine _engine;
    private readonly SimulatorServerOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<int, (string Host, int Port)> _targets = new();
    private WebApplication? _app;
    private X509Certificate2? _certificate;

    /// <summary>Creates a server for <paramref name="engine"/>; nothing listens until <see cref="StartAsync"/>.</summary>
    public SimulatorServer(SimulatorEngine engine, SimulatorServerOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
        _options = options ?? new SimulatorServerOptions();
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<SimulatorServer>();
    }

    /// <summary>Where the server answers, once started.</summary>
    public SimulatorServerInfo? Info { get; private set; }

    /// <summary>Starts listening; returns the API address, certificate fingerprint and service listeners.</summary>
    public async Task<SimulatorServerInfo> StartAsync(CancellationToken cancellationToken = default)
    {
        if (_app is not null)
        {
            throw new InvalidOperationException("The simulator server is already running.");
        }

        await _engine.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var certificatePath = _options.CertificatePath
            ?? (_engine.StateFilePath is { } state ? Path.Combine(Path.GetDirectoryName(state)!, CertificateFileName) : null);
        _certificate = SelfSignedCertificate.LoadOrCreate(certificatePath);
        var fingerprint = SelfSignedCertificate.Fingerprint(_certificate);
        _engine.Proxmox.ServedCertificateFingerprint = fingerprint;

        var services = _options.ServeServices ? SimulatedServices() : [];
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(_loggerFactory);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.WebHost.UseKestrelCore();
        ListenOptions? apiListener = null;
        var serviceListeners = new ListenOptions[services.Count];
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(_options.ListenAddress, _options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                listen.UseHttps(_certificate);
                apiListener = listen;
            });
            for (var i = 0; i < services.Count; i++)
            {
                var index = i;
                var port = _options.Port == 0 ? 0 : _options.Port + 1 + i;
                kestrel.Listen(IPAddress.Loopback, port, listen =>
                {
                    listen.Protocols = HttpProtocols.Http1;
                    serviceListeners[index] = listen;
                });
            }
        });

        var app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;

        // Kestrel writes the bound endpoint (with the real port when 0 was asked for) back into the listen options.
        var apiPort = apiListener!.IPEndPoint!.Port;
        _targets[apiPort] = (_engine.Proxmox.ApiHost, _engine.Proxmox.ApiPort);
        var endpoints = new List<SimulatedServiceEndpoint>();
        for (var i = 0; i < services.Count; i++)
        {
            var port = serviceListeners[i].IPEndPoint!.Port;
            var service = services[i];
            _targets[port] = (service.SimulatedAddress.Host.ToLowerInvariant(), service.SimulatedAddress.Port);
            endpoints.Add(service with { LocalAddress = new Uri($"http://127.0.0.1:{port}/") });
        }

        var host = _options.ListenAddress.Equals(IPAddress.Any) || _options.ListenAddress.Equals(IPAddress.Loopback) ? "127.0.0.1" : _options.ListenAddress.ToString();
        Info = new SimulatorServerInfo(new Uri($"https://{host}:{apiPort}/api2/json/"), fingerprint, endpoints);
        LogStarted(_logger, Info.ApiBaseAddress, fingerprint, endpoints.Count);
        return Info;
    }

    /// <summary>Starts, reports through <paramref name="started"/>, and serves until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(Action<SimulatorServerInfo>? started = null, CancellationToken cancellationToken = default)
    {
        var info = await StartAsync(cancellationToken).ConfigureAwait(false);
        started?.Invoke(info);
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(() => stopped.TrySetResult()))
        {
            await stopped.Task.ConfigureAwait(false);
        }

        await StopAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Stops listening.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
            _engine.Proxmox.ServedCertificateFingerprint = null;
            LogStopped(_logger);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _certificate?.Dispose();
        _certificate = null;
    }

    /// <summary>Every inference service and telemetry URL of the registry that a simulator component answers, once per host:port.</summary>
    private List<SimulatedServiceEndpoint> SimulatedServices()
    {
        var result = new List<SimulatedServiceEndpoint>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var node in _engine.Config.Nodes)
        {
            var candidates = node.Services
                .Select(s => (s.Name, Kind: s.Kind.ToString().ToLowerInvariant(), Address: s.Url ?? new Uri($"http://{node.Host}:{s.Port}/")))
                .ToList();
            if (node.Telemetry.Url is { } telemetry && node.Telemetry.Source is TelemetrySource.NodeAgent or TelemetrySource.Exporter)
            {
                candidates.Add(("telemetry", node.Telemetry.Source.ToString().ToLowerInvariant(), telemetry));
            }

            foreach (var (name, kind, address) in candidates)
            {
                if (seen.Add($"{address.Host}:{address.Port}") && _engine.Answers(address.Host, address.Port))
                {
                    result.Add(new SimulatedServiceEndpoint(node.Name, name, kind, address, address));
                }
            }
        }

        return result;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        if (!_targets.TryGetValue(context.Connection.LocalPort, out var target))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.ToString();
        var question = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in context.Request.Headers)
        {
            headers[name] = values.ToString();
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, cancellationToken).ConfigureAwait(false);
        var request = new SimRequest
        {
            Method = context.Request.Method.ToUpperInvariant(),
            Host = target.Host,
            Port = target.Port,
            Path = question < 0 ? rawTarget : rawTarget[..question],
            Query = question < 0 ? "" : rawTarget[(question + 1)..],
            Headers = headers,
            ContentType = context.Request.ContentType,
            Body = body.ToArray(),
        };
        var answer = await _engine.HandleAsync(request, cancellationToken).ConfigureAwait(false);
        if (answer.ConnectionRefused)
        {
            // The simulated service is down: drop the connection, the closest a listener can come to refusing it.
            context.Abort();
            return;
        }

        context.Response.StatusCode = answer.Status;
        if (context.Features.Get<IHttpResponseFeature>() is { } feature && answer.ReasonPhrase is { } reason)
        {
            feature.ReasonPhrase = reason;
        }

        if (!string.IsNullOrEmpty(answer.ContentType))
        {
            context.Response.ContentType = answer.ContentType;
        }

        foreach (var (name, value) in answer.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (answer.Stream is { } stream)
        {
            await foreach (var chunk in stream.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await context.Response.Body.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        context.Response.ContentLength = answer.Body.Length;
        await context.Response.Body.WriteAsync(answer.Body, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulated Proxmox VE API on {Address} (certificate {Fingerprint}), {Services} simulated service listener(s)")]
    private static partial void LogStarted(ILogger logger, Uri address, string fingerprint, int services);

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulator server stopped")]
    private static partial void LogStopped(ILogger logger);
}
