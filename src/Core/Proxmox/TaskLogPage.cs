namespace PveAgent.Core.Proxmox;

/// <summary>A slice of a task log and the number of lines the whole log has.</summary>
public sealed record TaskLogPage
{
    /// <summary>The lines requested (an empty log comes back as one line "no content").</summary>
    public required IReadOnlyList<TaskLogLine> Lines { get; init; }

    /// <summary>Lines in the whole log file, when PVE reported it.</summary>
    public long? Total { get; init; }
}
