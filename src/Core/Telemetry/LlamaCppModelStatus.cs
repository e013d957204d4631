namespace PveAgent.Core.Telemetry;

/// <summary>State of a model in llama.cpp's router mode (<c>GET /models</c>, <c>status.value</c>).</summary>
public enum LlamaCppModelStatus
{
    /// <summary>Absent or not recognised.</summary>
    Unknown,

    /// <summary>Cached on disk, not in memory.</summary>
    Unloaded,

    /// <summary>Being loaded.</summary>
    Loading,

    /// <summary>In memory and serving: the warm state.</summary>
    Loaded,

    /// <summary>Listed but weights released after <c>--sleep-idle-seconds</c>.</summary>
    Sleeping,

    /// <summary>Being downloaded.</summary>
    Downloading,
}
