using PveAgent.Simulator.Proxmox.Model;

namespace PveAgent.Simulator.Proxmox;

/// <summary>Everything needed to start a task: where, what, who, how long, how it ends and what it changes.</summary>
internal sealed record TaskPlan(string Node, string Type, string Id, string User, TimeSpan Duration, SimTaskEffect Effect, IReadOnlyList<SimLogLine> Log)
{
    /// <summary><c>OK</c>, <c>WARNINGS: n</c> or the error the task ends with.</summary>
    public string ExitStatus { get; init; } = "OK";
}
