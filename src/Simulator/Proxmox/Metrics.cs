using PveAgent.Simulator.Proxmox.Model;

namespace PveAgent.Simulator.Proxmox;

/// <summary>Live figures of nodes and guests at an instant: slow sinusoids plus seeded noise, consistent between processes.</summary>
internal sealed class Metrics(SimulatedCluster cluster)
{
    private const long MiB = 1024L * 1024;

    private int Seed => cluster.Seed;

    /// <summary>Guest CPU use as a fraction of its vCPUs (0 when not running or paused).</summary>
    public double GuestCpu(SimGuest guest, DateTimeOffset at)
    {
        if (!cluster.IsRunning(guest) || guest.Paused)
        {
            return 0;
        }

        var busy = guest.Tags?.Contains("ai", StringComparison.Ordinal) == true ? 0.14 : 0.03;
        return Math.Clamp(DeterministicNoise.Wave(Seed, $"cpu/{guest.VmId}", at, busy, busy * 0.6, busy * 0.3), 0.0005, 1);
    }

    /// <summary>Guest memory in use, bytes.</summary>
    public long GuestMem(SimGuest guest, DateTimeOffset at)
    {
        if (!cluster.IsRunning(guest))
        {
            return 0;
        }

        var max = GuestMath.MemoryBytes(guest);
        var mean = guest.IsQemu ? 0.68 : 0.24;
        var fraction = Math.Clamp(DeterministicNoise.Wave(Seed, $"mem/{guest.VmId}", at, mean, 0.06, 0.02), 0.02, 0.97);
        return (long)(max * fraction) / 4096 * 4096;
    }

    /// <summary>Seconds since the guest started.</summary>
    public long GuestUptime(SimGuest guest, DateTimeOffset at) =>
        cluster.IsRunning(guest) && guest.StartedAt is { } started ? Math.Max(0, (long)(at - started).TotalSeconds) : 0;

    /// <summary>A cumulative counter since guest start (network or disk bytes).</summary>
    public long GuestCounter(SimGuest guest, string counter, DateTimeOffset at, double minPerSecond, double maxPerSecond)
    {
        var uptime = GuestUptime(guest, at);
        var rate = minPerSecond + (DeterministicNoise.Unit(Seed, $"{counter}/{guest.VmId}") * (maxPerSecond - minPerSecond));
        return (long)(uptime * rate);
    }

    /// <summary>Node CPU use (0..1): a small base plus its running guests' load.</summary>
    public double NodeCpu(SimNode node, DateTimeOffset at)
    {
        if (!node.Online)
        {
            return 0;
        }

        var guests = cluster.World.Guests.Where(g => g.Node == node.Name)
            .Sum(g => GuestCpu(g, at) * GuestMath.Cpus(g, node.Threads));
        var baseLoad = DeterministicNoise.Wave(Seed, $"node-cpu/{node.Name}", at, 0.012, 0.006, 0.004);
        return Math.Clamp(baseLoad + (guests / node.Threads), 0.001, 1);
    }

    /// <summary>Node memory in use: host overhead plus what running guests occupy.</summary>
    public long NodeMemUsed(SimNode node, DateTimeOffset at)
    {
        if (!node.Online)
        {
            return 0;
        }

        var host = (long)(DeterministicNoise.Wave(Seed, $"node-mem/{node.Name}", at, 2600, 200, 60) * MiB) + (node.MemoryBytes / 25);
        var guests = cluster.World.Guests.Where(g => g.Node == node.Name && cluster.IsRunning(g))
            .Sum(g => g.IsQemu ? (long)(GuestMath.MemoryBytes(g) * 0.93) : GuestMem(g, at));
        return Math.Min(node.MemoryBytes - (256 * MiB), host + guests) / 4096 * 4096;
    }

    /// <summary>Seconds since the node booted.</summary>
    public static long NodeUptime(SimNode node, DateTimeOffset at) => node.Online ? Math.Max(0, (long)(at - node.BootedAt).TotalSeconds) : 0;

    /// <summary>Load averages over 1, 5 and 15 minutes.</summary>
    public (double One, double Five, double Fifteen) LoadAverage(SimNode node, DateTimeOffset at)
    {
        double Load(TimeSpan back) => NodeCpu(node, at - back) * node.Threads * 1.1;
        var one = Load(TimeSpan.Zero);
        var five = (one + Load(TimeSpan.FromMinutes(2)) + Load(TimeSpan.FromMinutes(4))) / 3;
        var fifteen = (five + Load(TimeSpan.FromMinutes(7)) + Load(TimeSpan.FromMinutes(12))) / 3;
        return (one, five, fifteen);
    }

    /// <summary>I/O wait fraction.</summary>
    public double NodeIoWait(SimNode node, DateTimeOffset at) =>
        node.Online ? Math.Clamp(DeterministicNoise.Wave(Seed, $"node-wait/{node.Name}", at, 0.0008, 0.0005, 0.0003), 0, 1) : 0;

    /// <summary>Swap in use, bytes.</summary>
    public long NodeSwapUsed(SimNode node, DateTimeOffset at) =>
        node.Online ? (long)(DeterministicNoise.Unit(Seed, $"swap/{node.Name}") * 40 * MiB) / 4096 * 4096 : 0;

    /// <summary>Root filesystem in use, bytes.</summary>
    public long NodeRootUsed(SimNode node, DateTimeOffset at) =>
        node.RootfsUsedBytes + (long)(DeterministicNoise.Wave(Seed, $"rootfs/{node.Name}", at, 0, 30 * MiB, 2 * MiB));

    /// <summary>Network rate of the node, bytes per second.</summary>
    public double NodeNetRate(SimNode node, string direction, DateTimeOffset at) =>
        node.Online ? Math.Max(0, DeterministicNoise.Wave(Seed, $"net-{direction}/{node.Name}", at, 90_000, 50_000, 20_000)) : 0;
}
