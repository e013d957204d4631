namespace PveAgent.Core.Routing;

/// <summary>How urgently a task should run; the scheduler orders and preempts by it.</summary>
public enum TaskPriority
{
    /// <summary>A person is waiting for the answer (chat, a transcription someone watches).</summary>
    Interactive,

    /// <summary>Ordinary work (the default).</summary>
    Normal,

    /// <summary>Background work that may wait or be paused (training, bulk embeddings).</summary>
    Batch,
}
