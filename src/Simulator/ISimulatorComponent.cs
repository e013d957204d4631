using System.Text.Json.Nodes;
using PveAgent.Core.Registry;

namespace PveAgent.Simulator;

/// <summary>
/// One part of the simulated world (the Proxmox API, the inference servers, node telemetry). The engine routes each
/// request to the component that answers its host and port, and persists every component's state as one section of
/// the state file, so successive CLI commands see earlier changes.
/// </summary>
/// <remarks>
/// State is a function of time: a component stores when things started and how long they take, and materialises
/// the present on access (a task started at T with duration D is finished once now ≥ T + D). That is what lets a state
/// file written by one process be read correctly by the next, minutes later.
/// </remarks>
public interface ISimulatorComponent
{
    /// <summary>Key of this component's section in the state file (e.g. <c>proxmox</c>, <c>inference</c>).</summary>
    string StateKey { get; }

    /// <summary>Builds the initial world from the registry (deterministic for a given config and seed).</summary>
    void Seed(ClusterConfig config, SimulationContext context);

    /// <summary>Restores state written by <see cref="SaveState"/>; returns false when the section is unusable (then the engine re-seeds).</summary>
    bool LoadState(JsonNode state, SimulationContext context);

    /// <summary>The state to persist.</summary>
    JsonNode SaveState();

    /// <summary>True when this component answers requests addressed to <paramref name="host"/>:<paramref name="port"/>.</summary>
    bool Answers(string host, int port, SimulationContext context);

    /// <summary>Answers one request.</summary>
    Task<SimResponse> HandleAsync(SimRequest request, SimulationContext context, CancellationToken cancellationToken = default);
}
