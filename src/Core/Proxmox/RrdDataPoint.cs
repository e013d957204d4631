namespace PveAgent.Core.Proxmox;

/// <summary>One RRD sample of a node; PVE omits a metric for intervals without data, so every metric is optional.</summary>
public sealed record RrdDataPoint
{
    /// <summary>Start of the sample interval.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>Every numeric metric of the sample by PVE's name (<c>cpu</c>, <c>loadavg</c>, <c>memused</c>, <c>netin</c> …).</summary>
    public required IReadOnlyDictionary<string, double> Values { get; init; }

    /// <summary>CPU utilisation 0–1.</summary>
    public double? Cpu => Get("cpu");

    /// <summary>IO wait share 0–1.</summary>
    public double? IoWait => Get("iowait");

    /// <summary>1-minute load average.</summary>
    public double? LoadAverage => Get("loadavg");

    /// <summary>Used memory in bytes.</summary>
    public double? MemoryUsed => Get("memused");

    /// <summary>Total memory in bytes.</summary>
    public double? MemoryTotal => Get("memtotal");

    /// <summary>Network bytes received per second.</summary>
    public double? NetIn => Get("netin");

    /// <summary>Network bytes sent per second.</summary>
    public double? NetOut => Get("netout");

    /// <summary>A metric by PVE's name, or null when absent.</summary>
    public double? Get(string name) => Values.TryGetValue(name, out var value) ? value : null;
}
