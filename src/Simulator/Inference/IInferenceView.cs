namespace PveAgent.Simulator.Inference;

/// <summary>Read-only view of the simulated inference servers: which models are loaded where and how busy each server is.</summary>
public interface IInferenceView
{
    /// <summary>Every configured service as it is at the context's current time.</summary>
    IReadOnlyList<InferenceServiceStatus> GetServices(SimulationContext context);
}
