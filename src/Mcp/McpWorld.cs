using Microsoft.Extensions.Logging;
using PveAgent.Core.Registry;
using PveAgent.Core.Security;
using PveAgent.Mcp.Tools;

namespace PveAgent.Mcp;

/// <summary>
/// What the server works with, loaded as late as possible: the tool listing and the listing policy when
/// <c>tools/list</c> first asks (the policy from a cheap read of <c>cluster.yaml</c> where it can), the full configuration
/// in the background once the first listing is out, and the cluster, plan store and audit log on the first call that
/// needs them. One per server (one client connection).
/// </summary>
internal sealed partial class McpWorld : IDisposable
{
    private readonly McpServerSetup _setup;
    private readonly Lazy<Task<ClusterConfig>> _config;
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private readonly SecretRedactor _fallbackRedactor = new();
    private readonly ILogger _logger;
    private McpServices? _services;

    public McpWorld(McpServerSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        _setup = setup;
        _logger = setup.LoggerFactory.CreateLogger("PveAgent.Mcp");

        // Loaded once for the server's life, with no caller's token: a cancelled first call must not poison it.
        _config = new(() => Task.Run(() => _setup.LoadConfigAsync(CancellationToken.None)), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public McpServerSetup Setup => _setup;

    /// <summary>Masks secrets: the cluster's redactor once connected (it knows the API token), a token-shape one before.</summary>
    public SecretRedactor Redactor => Volatile.Read(ref _services)?.Cluster.Redactor ?? _fallbackRedactor;

    /// <summary>Starts reading <c>cluster.yaml</c> on the thread pool.</summary>
    public void StartLoading() => _ = _config.Value;

    public Task<ClusterConfig> GetConfigAsync(CancellationToken cancellationToken) => _config.Value.WaitAsync(cancellationToken);

    public async Task<McpPolicy> GetPolicyAsync(CancellationToken cancellationToken) => McpPolicy.For(await GetConfigAsync(cancellationToken));

    /// <summary>
    /// The <c>tools/list</c> result for the negotiated <paramref name="protocolVersion"/>: under the loaded configuration's
    /// policy when it is there, else the policy a cheap read of <c>cluster.yaml</c> finds, else (an unusual file) once
    /// the configuration has loaded; read tools only when the file is unusable.
    /// </summary>
    public async ValueTask<byte[]> ListToolsAsync(string? protocolVersion, CancellationToken cancellationToken)
    {
        var loaded = _config.IsValueCreated && _config.Value.IsCompleted;
        var policy = (loaded ? null : Peek()) ?? await LoadedPolicyAsync(cancellationToken);
        return McpToolListing.Shared.Result(policy, protocolVersion);
    }

    /// <summary>The services, connecting to the cluster on first use.</summary>
    public async Task<McpServices> GetServicesAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _services) is { } ready)
        {
            return ready;
        }

        await _connecting.WaitAsync(cancellationToken);
        try
        {
            if (_services is null)
            {
                var config = await GetConfigAsync(cancellationToken);
                var cluster = await _setup.ConnectAsync(config, cancellationToken);
                Volatile.Write(ref _services, new McpServices(config, McpPolicy.For(config), cluster, _setup.StateDirectory, _setup.Clock));
            }

            return _services!;
        }
        finally
        {
            _connecting.Release();
        }
    }

    public void Dispose()
    {
        _services?.Cluster.Dispose();
        _connecting.Dispose();
    }

    private McpPolicy? Peek()
    {
        if (_setup.ConfigFile is not { } path)
        {
            return null;
        }

        try
        {
            return GuardrailsPeek.Read(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The full load reports it in words; until then nothing here can tell.
            return null;
        }
    }

    private async Task<McpPolicy> LoadedPolicyAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await GetPolicyAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // cluster.yaml is unusable: list the read tools (the safe side); every call then says what to fix.
            LogConfigUnusable(e.GetType().Name);
            return McpPolicy.ReadOnlyFallback;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "cluster.yaml could not be loaded ({Kind}); listing read tools only")]
    private partial void LogConfigUnusable(string kind);
}
