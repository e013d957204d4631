using PveAgent.Core.Routing;

namespace PveAgent.Core.Simulation;

/// <summary>One generated task: when it arrives (seconds of virtual time) and what it asks for.</summary>
/// <param name="Id">Sequence number, from 0.</param>
/// <param name="ArrivalSeconds">Arrival time in seconds from the start.</param>
/// <param name="Request">The task.</param>
public sealed record SimTask(int Id, double ArrivalSeconds, TaskRequest Request);
