namespace PveAgent.Core.Execution;

/// <summary>What a task run is doing when it reports progress.</summary>
public enum ExecutionStage
{
    /// <summary>Choosing where the task runs.</summary>
    Routing,

    /// <summary>Waking an asleep node and waiting for it to join the cluster.</summary>
    Waking,

    /// <summary>Starting the stopped guest that hosts the service.</summary>
    StartingGuest,

    /// <summary>Waiting for the service's health endpoint to answer.</summary>
    WaitingForService,

    /// <summary>Sending the request and streaming the answer.</summary>
    Running,

    /// <summary>A candidate failed before producing output; the next one is tried.</summary>
    Fallback,
}
