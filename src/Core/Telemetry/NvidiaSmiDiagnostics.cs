namespace PveAgent.Core.Telemetry;

/// <summary>Recognises nvidia-smi's failure messages in its output, shared by the CSV and XML parsers.</summary>
internal static class NvidiaSmiDiagnostics
{
    /// <summary>A typed failure when <paramref name="output"/> is one of nvidia-smi's known error messages, else null.</summary>
    public static TelemetryFailure? Recognise(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var line in lines)
        {
            if (line.Contains("couldn't communicate with the NVIDIA driver", StringComparison.OrdinalIgnoreCase)
                || line.Contains("NVIDIA-SMI has failed", StringComparison.OrdinalIgnoreCase))
            {
                return new TelemetryFailure(
                    TelemetryFailureKind.DriverUnavailable,
                    $"nvidia-smi cannot reach the NVIDIA driver (\"{line}\"): install or load the driver " +
                    "(check `lsmod | grep nvidia`; after a kernel update rebuild it with DKMS or reboot).");
            }

            if (line.Contains("is not a valid field to query", StringComparison.OrdinalIgnoreCase))
            {
                return new TelemetryFailure(
                    TelemetryFailureKind.InvalidQuery,
                    $"nvidia-smi rejected the query (\"{line}\"): this driver is too old for the field list; update the NVIDIA driver.");
            }

            if (line.Contains("No devices were found", StringComparison.OrdinalIgnoreCase))
            {
                return new TelemetryFailure(
                    TelemetryFailureKind.NoDevices,
                    "nvidia-smi found no GPU: the driver is loaded but sees no device (a GPU passed through to a VM is invisible to the host).");
            }
        }

        return null;
    }
}
