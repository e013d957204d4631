namespace PveAgent.Simulator;

/// <summary>Names of the simulator's files inside PveAgent's state directory (see <c>PveAgent.Core.Storage.StateDirectory</c>).</summary>
public static class SimulatorStatePaths
{
    /// <summary>File name of the simulator state.</summary>
    public const string StateFileName = "simulator.json";
}
