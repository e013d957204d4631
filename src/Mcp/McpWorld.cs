using PveAgent.Core.Registry;
using PveAgent.Core.Security;

namespace PveAgent.Mcp;

/// <summary>
/// What the server works with, loaded as late as possible: the configuration starts loading in the background when
/// the server starts (so it is ready by <c>tools/list</c>), the cluster, plan store and audit log on the first call
/// that needs them. One per server (one client connection).
/// </summary>
internal sealed class McpWorld : IDisposable
{
    private readonly McpServerSetup _setup;
    private readonly Lazy<Task<ClusterConfig>> _config;
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private readonly SecretRedactor _fallbackRedactor = new();
    private McpServices? _services;

    public McpWorld(McpServerSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        _setup = setup;

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
}
