namespace PveAgent.Core.Telemetry;

/// <summary>
/// The small HTTP protocol between PveAgent and its node agent (<c>pve-agent node-agent</c>). Every telemetry path
/// needs <c>Authorization: Bearer &lt;token&gt;</c>. On success the body is the tool's raw stdout (so the client parses
/// exactly what ssh would have returned); on failure the status says why and the body carries the tool's output.
/// </summary>
public static class NodeAgentProtocol
{
    /// <summary><c>GET</c>: raw <c>nvidia-smi --query-gpu=… --format=csv,noheader,nounits</c> output.</summary>
    public const string NvidiaSmiPath = "/v1/telemetry/nvidia-smi";

    /// <summary><c>GET</c>: raw <c>tt-smi -s --snapshot_no_tty</c> output.</summary>
    public const string TtSmiPath = "/v1/telemetry/tt-smi";

    /// <summary><c>GET</c>, no token needed: <c>ok</c> while the agent runs.</summary>
    public const string HealthPath = "/v1/health";

    /// <summary>Authorization scheme.</summary>
    public const string AuthorizationScheme = "Bearer";

    /// <summary>Content type of <see cref="NvidiaSmiPath"/> answers.</summary>
    public const string CsvContentType = "text/csv; charset=utf-8";

    /// <summary>Content type of <see cref="TtSmiPath"/> answers.</summary>
    public const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>Content type of messages and error bodies.</summary>
    public const string TextContentType = "text/plain; charset=utf-8";

    /// <summary>Status when the tool ran and failed; the body is its stdout and stderr.</summary>
    public const int ToolFailedStatus = 502;

    /// <summary>Status when the tool is not installed on the node.</summary>
    public const int ToolMissingStatus = 503;

    /// <summary>Status when the tool did not finish in time.</summary>
    public const int ToolTimeoutStatus = 504;
}
