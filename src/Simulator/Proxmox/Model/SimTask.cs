namespace PveAgent.Simulator.Proxmox.Model;

/// <summary>A worker task: its UPID parts, when it ends, how it ends, its log, and the change it makes to the world.</summary>
internal sealed class SimTask
{
    /// <summary>The UPID string.</summary>
    public string Upid { get; set; } = "";

    /// <summary>Node the worker runs on.</summary>
    public string Node { get; set; } = "";

    /// <summary>Worker pid.</summary>
    public int Pid { get; set; }

    /// <summary>Worker start in clock ticks since the node booted.</summary>
    public long PStart { get; set; }

    /// <summary>Unix start time.</summary>
    public long StartTime { get; set; }

    /// <summary>Task type (<c>qmstart</c> …).</summary>
    public string Type { get; set; } = "";

    /// <summary>Task id (usually the VMID; may be empty).</summary>
    public string Id { get; set; } = "";

    /// <summary>User that started it, a token id <c>user@realm!token</c> for token calls.</summary>
    public string User { get; set; } = "";

    /// <summary>Precise start.</summary>
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>When the worker finishes.</summary>
    public DateTimeOffset EndsAt { get; set; }

    /// <summary>Exit status once finished: <c>OK</c>, <c>WARNINGS: n</c> or the error text.</summary>
    public string ExitStatus { get; set; } = "OK";

    /// <summary>True once the effect has been applied.</summary>
    public bool Finished { get; set; }

    /// <summary>Log lines with the second they appear at (the final <c>TASK …</c> line is added on completion).</summary>
    public List<SimLogLine> Log { get; } = [];

    /// <summary>What happens when the task ends.</summary>
    public SimTaskEffect Effect { get; set; } = new();

    /// <summary>True when the task ended successfully.</summary>
    public bool Succeeded => ExitStatus == "OK" || ExitStatus.StartsWith("WARNINGS: ", StringComparison.Ordinal);
}
