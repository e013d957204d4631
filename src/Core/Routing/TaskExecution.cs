namespace PveAgent.Core.Routing;

/// <summary>How a task type is carried out: through an inference service, or as a job on the node itself.</summary>
public enum TaskExecution
{
    /// <summary>Needs an inference service that serves (or can load) the model.</summary>
    Service,

    /// <summary>A service that lists the model when there is one, otherwise a job on the node's accelerators.</summary>
    ServiceOrJob,

    /// <summary>A job on the node (a container or VM the executor starts), no inference service involved.</summary>
    Job,
}
