namespace PveAgent.Simulator.Proxmox.Schema;

/// <summary>A raw request parameter: its text, and whether it arrived as a JSON boolean (which PVE accepts for boolean parameters).</summary>
internal readonly record struct ParameterValue(string Text, bool IsJsonBoolean = false);
