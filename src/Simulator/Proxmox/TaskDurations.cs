using System.Collections.Frozen;

namespace PveAgent.Simulator.Proxmox;

/// <summary>How long simulated tasks take: realistic proportions, short enough that the CLI does not keep anybody waiting.</summary>
internal static class TaskDurations
{
    /// <summary>Extra seconds of a live VM migration per GiB of guest RAM.</summary>
    public const double LiveMigrationPerGiBRam = 1;

    /// <summary>Extra seconds of an offline VM migration per GiB of local disk copied.</summary>
    public const double OfflineMigrationPerGiBDisk = 1.0 / 8;

    /// <summary>Extra seconds of a container migration per GiB of volume copied.</summary>
    public const double ContainerMigrationPerGiBDisk = 1.0 / 16;

    /// <summary>Seconds a container takes to shut down before, and to start after, a restart-mode migration.</summary>
    public const double ContainerRestartShutdown = 3;

    /// <summary>Seconds a migrated container takes to start on the target.</summary>
    public const double ContainerRestartStart = 2;

    /// <summary>Extra seconds of a full clone per GiB of disk.</summary>
    public const double FullClonePerGiBDisk = 1.0 / 16;

    /// <summary>Extra seconds of a snapshot with RAM per GiB of guest RAM.</summary>
    public const double VmStatePerGiBRam = 0.5;

    /// <summary>Extra seconds of hibernation per GiB of guest RAM.</summary>
    public const double HibernatePerGiBRam = 0.25;

    /// <summary>Seconds <c>startall</c> spends per guest it starts after a node boots.</summary>
    public const double StartAllPerGuest = 2;

    private static readonly FrozenDictionary<string, double> BaseSeconds = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["qmstart"] = 2, ["vzstart"] = 2,
        ["qmstop"] = 1, ["vzstop"] = 1,
        ["qmshutdown"] = 4, ["vzshutdown"] = 3,
        ["qmreboot"] = 6, ["vzreboot"] = 5,
        ["qmpause"] = 1, ["vzsuspend"] = 1, ["qmsuspend"] = 4,
        ["qmresume"] = 1, ["vzresume"] = 1,
        ["qmconfig"] = 1,
        ["qmcreate"] = 5, ["vzcreate"] = 8,
        ["qmdestroy"] = 2, ["vzdestroy"] = 2,
        ["qmclone"] = 6, ["vzclone"] = 5,
        ["qmsnapshot"] = 3, ["vzsnapshot"] = 2,
        ["qmdelsnapshot"] = 2, ["vzdelsnapshot"] = 2,
        ["qmrollback"] = 3, ["vzrollback"] = 3,
        ["qmigrate"] = 8, ["vzmigrate"] = 6,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Base duration in seconds of a task type.</summary>
    public static double Seconds(string taskType) => BaseSeconds[taskType];

    /// <summary>Base duration of a task type.</summary>
    public static TimeSpan Of(string taskType) => TimeSpan.FromSeconds(BaseSeconds[taskType]);
}
