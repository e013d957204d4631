using PveAgent.Core.Registry;

namespace PveAgent.Core.Simulation;

/// <summary>A simulated inference service: the models it serves, and the tasks waiting for memory to load theirs.</summary>
internal sealed class SimService
{
    public required SimNode Node { get; init; }

    public required ServiceConfig Config { get; init; }

    public required SimGroup Group { get; init; }

    public required HashSet<string> ModelKeys { get; init; }

    public required bool CanPull { get; init; }

    public required Uri Url { get; init; }

    public string Name => Config.Name;

    public Queue<ActiveTask> Pending { get; } = new();

    public int Running { get; set; }

    /// <summary>Tasks waiting for memory, or for a model load to finish.</summary>
    public int Waiting
    {
        get
        {
            var waiting = Pending.Count;
            foreach (var resident in Group.Residents)
            {
                if (resident.Service == this && !resident.Loaded)
                {
                    waiting += resident.Waiters.Count;
                }
            }

            return waiting;
        }
    }
}
