namespace PveAgent.Simulator.Proxmox.Model;

/// <summary>A task log line and how many seconds after the task start it is written.</summary>
internal sealed record SimLogLine(double AtSeconds, string Text);
