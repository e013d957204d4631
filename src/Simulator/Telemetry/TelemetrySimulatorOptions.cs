namespace PveAgent.Simulator.Telemetry;

/// <summary>Settings of the simulated node telemetry endpoints.</summary>
public sealed class TelemetrySimulatorOptions
{
    /// <summary>Port the simulated node agent listens on at each node's host (default 9100, the node agent's default).</summary>
    public int Port
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 65535);
            field = value;
        }
    } = 9100;

    /// <summary>
    /// Bearer token the node agent requires on <c>/v1/telemetry/*</c>; null (the default) accepts any request. The
    /// exporter page <c>/metrics</c> is open, as DCGM-exporter's is.
    /// </summary>
    public string? Token { get; init; }

    /// <summary>NVIDIA driver version reported (default <c>535.183.01</c>, a v12 DTD driver).</summary>
    public string DriverVersion { get; init; } = "535.183.01";

    /// <summary>CUDA version reported (default <c>12.2</c>).</summary>
    public string CudaVersion { get; init; } = "12.2";
}
