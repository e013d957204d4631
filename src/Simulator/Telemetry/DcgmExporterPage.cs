using System.Globalization;
using PveAgent.Simulator.Inference;

namespace PveAgent.Simulator.Telemetry;

/// <summary>
/// A DCGM-exporter <c>/metrics</c> page: the default counters, one sample per GPU labelled <c>gpu</c>, <c>UUID</c>,
/// <c>pci_bus_id</c>, <c>device</c>, <c>modelName</c>, <c>Hostname</c> and <c>DCGM_FI_DRIVER_VERSION</c>, in that order,
/// integers for counters and Go's <c>%f</c> for watts, as dcgm-exporter prints them.
/// </summary>
internal static class DcgmExporterPage
{
    public static byte[] Render(IReadOnlyList<DeviceReading> gpus, string node, int seed, TelemetrySimulatorOptions options)
    {
        var text = new PrometheusText();
        Family("DCGM_FI_DEV_SM_CLOCK", "SM clock frequency (in MHz).", g => PrometheusText.Integer(g.IsBusy ? 1695 : 210));
        Family("DCGM_FI_DEV_MEM_CLOCK", "Memory clock frequency (in MHz).", g => PrometheusText.Integer(g.IsBusy ? 9751 : 405));
        Family("DCGM_FI_DEV_GPU_TEMP", "GPU temperature (in C).", g => PrometheusText.Integer(g.TemperatureCelsius));
        Family("DCGM_FI_DEV_POWER_USAGE", "Power draw (in W).", g => PrometheusText.GoFixed(g.PowerWatts));
        Family("DCGM_FI_DEV_POWER_MGMT_LIMIT", "Power management limit (in W).", g => PrometheusText.GoFixed(g.Profile.MaxWatts));
        Family("DCGM_FI_DEV_GPU_UTIL", "GPU utilization (in %).", g => PrometheusText.Integer(g.UtilizationPercent));
        Family("DCGM_FI_DEV_MEM_COPY_UTIL", "Memory utilization (in %).", g => PrometheusText.Integer(Math.Round(g.UtilizationPercent * 0.6)));
        Family("DCGM_FI_DEV_FB_FREE", "Framebuffer memory free (in MiB).", g => PrometheusText.Integer(g.MemoryFreeMiB));
        Family("DCGM_FI_DEV_FB_USED", "Framebuffer memory used (in MiB).", g => PrometheusText.Integer(g.MemoryUsedMiB));
        return text.ToBytes();

        void Family(string name, string help, Func<DeviceReading, string> value)
        {
            text.Family(name, "gauge", help);
            foreach (var gpu in gpus)
            {
                text.Sample(name, Labels(gpu), value(gpu));
            }
        }

        string Labels(DeviceReading gpu) => PrometheusText.Labels(
            ("gpu", gpu.FamilyIndex.ToString(CultureInfo.InvariantCulture)),
            ("UUID", NvidiaNames.Uuid(gpu, node, seed)),
            ("pci_bus_id", NvidiaNames.BusId(gpu)),
            ("device", "nvidia" + gpu.FamilyIndex.ToString(CultureInfo.InvariantCulture)),
            ("modelName", NvidiaNames.ProductName(gpu)),
            ("Hostname", node),
            ("DCGM_FI_DRIVER_VERSION", options.DriverVersion));
    }
}
