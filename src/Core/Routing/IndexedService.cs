using System.Collections.Frozen;
using PveAgent.Core.Hardware;
using PveAgent.Core.State;

namespace PveAgent.Core.Routing;

/// <summary>A service with what routing asks of it precomputed: model keys, warm models, load, start cost.</summary>
internal sealed class IndexedService
{
    public required ServiceState State { get; init; }

    public required string Name { get; init; }

    public required AcceleratorGroup? Group { get; init; }

    /// <summary>Keys of the models it lists (configuration, server's list, loaded).</summary>
    public required HashSet<string> Servable { get; init; }

    /// <summary>Keys of the models cluster.yaml lists under this service: the operator's placement.</summary>
    public required HashSet<string> Configured { get; init; }

    /// <summary>Ollama pulls any text or embedding model on demand; the others serve only what they list.</summary>
    public required bool CanPull { get; init; }

    /// <summary>Loaded models with their memory, largest first.</summary>
    public required LoadedEntry[] Loaded { get; init; }

    public required double LoadedGb { get; init; }

    /// <summary>Per model kind (index = <see cref="ModelKind"/>): the model to use when the task names none (a warm one first), or null.</summary>
    public required DefaultModel?[] DefaultByKind { get; init; }

    public required double Running { get; init; }

    public required double Waiting { get; init; }

    public required bool Reachable { get; init; }

    /// <summary>The stopped guest that must be started first, or null.</summary>
    public required GuestState? StoppedGuest { get; init; }

    /// <summary>Measured latency per model key: each model's own history on this service.</summary>
    public required FrozenDictionary<string, LatencySummary> Latencies { get; init; }

    /// <summary>True when nothing runs or waits: its models may be unloaded to make room for another service's.</summary>
    public bool IsIdle => Running <= 0 && Waiting <= 0;

    public bool IsWarm(string key)
    {
        foreach (var entry in Loaded)
        {
            if (entry.Key == key)
            {
                return true;
            }
        }

        return false;
    }

    internal sealed record LoadedEntry(string Key, string Name, double Gb, string Service);

    internal sealed record DefaultModel(string Name, string Key, ModelProfile Profile);
}
