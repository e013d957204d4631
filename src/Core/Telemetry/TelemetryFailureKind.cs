namespace PveAgent.Core.Telemetry;

/// <summary>Why a telemetry reading or a service probe produced no data.</summary>
public enum TelemetryFailureKind
{
    /// <summary>The tool ran but the accelerator driver is not loaded (nvidia-smi cannot reach the driver, tt-smi finds no TT-KMD).</summary>
    DriverUnavailable,

    /// <summary>The driver is loaded but reports no device, typically because the device is passed through to a guest.</summary>
    NoDevices,

    /// <summary>The tool (nvidia-smi, tt-smi, ssh) is not installed where it was run.</summary>
    ToolMissing,

    /// <summary>The tool refused the query, e.g. a field this driver version does not know.</summary>
    InvalidQuery,

    /// <summary>The tool failed for another reason (non-zero exit code).</summary>
    ToolFailed,

    /// <summary>The output could not be understood.</summary>
    MalformedOutput,

    /// <summary>The host or service did not answer (connection refused, ssh failure, DNS).</summary>
    Unreachable,

    /// <summary>No answer within the allowed time.</summary>
    Timeout,

    /// <summary>The remote side rejected the credentials.</summary>
    Unauthorized,

    /// <summary>The node's <c>cluster.yaml</c> entry is incomplete or invalid for this transport.</summary>
    Configuration,

    /// <summary>The scraped metrics come from no exporter PveAgent knows.</summary>
    UnknownExporter,

    /// <summary>A service answered with an error status or an error body.</summary>
    ServiceError,
}
