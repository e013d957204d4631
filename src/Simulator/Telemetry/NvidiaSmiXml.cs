using System.Globalization;
using System.Text;
using System.Xml;

namespace PveAgent.Simulator.Telemetry;

/// <summary>
/// <c>nvidia-smi -q -x</c> in the v12 DTD shape of driver 535 (<c>gpu_power_readings</c> with <c>power_draw</c> and
/// <c>current_power_limit</c>, <c>clocks_event_reasons</c>): the elements a monitoring agent reads, in nvidia-smi's order.
/// </summary>
internal static class NvidiaSmiXml
{
    public static string Render(IReadOnlyList<DeviceReading> gpus, string node, int seed, DateTimeOffset now, TelemetrySimulatorOptions options)
    {
        var text = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "\t", OmitXmlDeclaration = true, NewLineChars = "\n" };
        text.Append("<?xml version=\"1.0\" ?>\n<!DOCTYPE nvidia_smi_log SYSTEM \"nvsmi_device_v12.dtd\">\n");
        using (var xml = XmlWriter.Create(text, settings))
        {
            xml.WriteStartElement("nvidia_smi_log");
            xml.WriteElementString("timestamp", CTime(now));
            xml.WriteElementString("driver_version", options.DriverVersion);
            xml.WriteElementString("cuda_version", options.CudaVersion);
            xml.WriteElementString("attached_gpus", gpus.Count.ToString(CultureInfo.InvariantCulture));
            foreach (var gpu in gpus)
            {
                WriteGpu(xml, gpu, node, seed);
            }

            xml.WriteEndElement();
        }

        return text.Append('\n').ToString();
    }

    private static void WriteGpu(XmlWriter xml, DeviceReading gpu, string node, int seed)
    {
        var busId = NvidiaNames.BusId(gpu);
        var busy = gpu.IsBusy;
        var state = busy ? "P2" : "P8";
        xml.WriteStartElement("gpu");
        xml.WriteAttributeString("id", busId);
        xml.WriteElementString("product_name", NvidiaNames.ProductName(gpu));
        xml.WriteElementString("product_brand", NvidiaNames.Brand(gpu));
        xml.WriteElementString("product_architecture", NvidiaNames.Architecture(gpu));
        xml.WriteElementString("display_mode", "Disabled");
        xml.WriteElementString("display_active", "Disabled");
        xml.WriteElementString("persistence_mode", "Enabled");
        xml.WriteElementString("addressing_mode", "None");
        Group(xml, "mig_mode", ("current_mig", "N/A"), ("pending_mig", "N/A"));
        xml.WriteElementString("mig_devices", "None");
        xml.WriteElementString("accounting_mode", "Disabled");
        xml.WriteElementString("accounting_mode_buffer_size", "4000");
        Group(xml, "driver_model", ("current_dm", "N/A"), ("pending_dm", "N/A"));
        xml.WriteElementString("serial", "N/A");
        xml.WriteElementString("uuid", NvidiaNames.Uuid(gpu, node, seed));
        xml.WriteElementString("minor_number", gpu.FamilyIndex.ToString(CultureInfo.InvariantCulture));
        xml.WriteElementString("vbios_version", "94.02.42.00.A9");
        xml.WriteElementString("multigpu_board", "No");
        xml.WriteElementString("board_id", string.Create(CultureInfo.InvariantCulture, $"0x{NvidiaNames.Bus(gpu):x}00"));
        xml.WriteElementString("gpu_part_number", "N/A");
        xml.WriteElementString("gsp_firmware_version", "N/A");
        Group(xml, "gpu_virtualization_mode", ("virtualization_mode", "None"), ("host_vgpu_mode", "N/A"));

        xml.WriteStartElement("pci");
        xml.WriteElementString("pci_bus", NvidiaNames.Bus(gpu).ToString("X2", CultureInfo.InvariantCulture));
        xml.WriteElementString("pci_device", "00");
        xml.WriteElementString("pci_domain", "0000");
        xml.WriteElementString("pci_device_id", "220410DE");
        xml.WriteElementString("pci_bus_id", busId);
        xml.WriteElementString("pci_sub_system_id", "147D10DE");
        xml.WriteStartElement("pci_gpu_link_info");
        Group(xml, "pcie_gen", ("max_link_gen", "4"), ("current_link_gen", busy ? "4" : "1"), ("device_current_link_gen", busy ? "4" : "1"), ("max_device_link_gen", "4"), ("max_host_link_gen", "4"));
        Group(xml, "link_widths", ("max_link_width", "16x"), ("current_link_width", "16x"));
        xml.WriteEndElement();
        xml.WriteElementString("replay_counter", "0");
        xml.WriteElementString("replay_rollover_counter", "0");
        xml.WriteElementString("tx_util", busy ? "2150 KB/s" : "0 KB/s");
        xml.WriteElementString("rx_util", busy ? "1870 KB/s" : "0 KB/s");
        xml.WriteEndElement();

        xml.WriteElementString("fan_speed", NvidiaNames.HasFan(gpu) ? Unit(30 + (int)Math.Round(60 * gpu.PowerFraction), "%") : "N/A");
        xml.WriteElementString("performance_state", state);
        Group(xml, "clocks_event_reasons",
            ("clocks_event_reason_gpu_idle", busy ? "Not Active" : "Active"),
            ("clocks_event_reason_applications_clocks_setting", "Not Active"),
            ("clocks_event_reason_sw_power_cap", "Not Active"),
            ("clocks_event_reason_hw_slowdown", "Not Active"),
            ("clocks_event_reason_hw_thermal_slowdown", "Not Active"),
            ("clocks_event_reason_hw_power_brake_slowdown", "Not Active"),
            ("clocks_event_reason_sync_boost", "Not Active"),
            ("clocks_event_reason_sw_thermal_slowdown", "Not Active"),
            ("clocks_event_reason_display_clocks_setting", "Not Active"));

        Group(xml, "fb_memory_usage",
            ("total", Unit(gpu.MemoryTotalMiB, "MiB")),
            ("reserved", Unit(DeviceReading.ReservedMiB, "MiB")),
            ("used", Unit(gpu.MemoryUsedMiB, "MiB")),
            ("free", Unit(gpu.MemoryFreeMiB, "MiB")));
        Group(xml, "bar1_memory_usage", ("total", "256 MiB"), ("used", Unit(gpu.Processes.Count > 0 ? 7 : 1, "MiB")), ("free", Unit(gpu.Processes.Count > 0 ? 249 : 255, "MiB")));
        xml.WriteElementString("compute_mode", "Default");
        Group(xml, "utilization",
            ("gpu_util", Unit(gpu.UtilizationPercent, "%")),
            ("memory_util", Unit((int)Math.Round(gpu.UtilizationPercent * 0.6), "%")),
            ("encoder_util", "0 %"),
            ("decoder_util", "0 %"),
            ("jpeg_util", "0 %"),
            ("ofa_util", "0 %"));
        Group(xml, "ecc_mode", ("current_ecc", "N/A"), ("pending_ecc", "N/A"));
        Group(xml, "temperature",
            ("gpu_temp", Unit(gpu.TemperatureCelsius, "C")),
            ("gpu_temp_tlimit", "N/A"),
            ("gpu_temp_max_threshold", "98 C"),
            ("gpu_temp_slow_threshold", "95 C"),
            ("gpu_temp_max_gpu_threshold", "93 C"),
            ("gpu_target_temperature", "83 C"),
            ("memory_temp", "N/A"),
            ("gpu_temp_max_mem_threshold", "N/A"));
        var limit = gpu.Profile.IsEstimate ? "N/A" : Watts(gpu.Profile.MaxWatts);
        Group(xml, "gpu_power_readings",
            ("power_state", state),
            ("power_draw", gpu.Profile.IsEstimate ? "N/A" : Watts(gpu.PowerWatts)),
            ("current_power_limit", limit),
            ("requested_power_limit", limit),
            ("default_power_limit", limit),
            ("min_power_limit", gpu.Profile.IsEstimate ? "N/A" : Watts(Math.Round(gpu.Profile.MaxWatts * 0.3))),
            ("max_power_limit", limit));
        Group(xml, "module_power_readings",
            ("power_state", state),
            ("power_draw", "N/A"),
            ("current_power_limit", "N/A"),
            ("requested_power_limit", "N/A"),
            ("default_power_limit", "N/A"),
            ("min_power_limit", "N/A"),
            ("max_power_limit", "N/A"));
        Group(xml, "clocks",
            ("graphics_clock", busy ? "1695 MHz" : "210 MHz"),
            ("sm_clock", busy ? "1695 MHz" : "210 MHz"),
            ("mem_clock", busy ? "9751 MHz" : "405 MHz"),
            ("video_clock", busy ? "1515 MHz" : "555 MHz"));
        Group(xml, "max_clocks", ("graphics_clock", "2100 MHz"), ("sm_clock", "2100 MHz"), ("mem_clock", "9751 MHz"), ("video_clock", "1950 MHz"));

        xml.WriteStartElement("processes");
        foreach (var process in gpu.Processes)
        {
            Group(xml, "process_info",
                ("gpu_instance_id", "N/A"),
                ("compute_instance_id", "N/A"),
                ("pid", process.Pid.ToString(CultureInfo.InvariantCulture)),
                ("type", "C"),
                ("process_name", process.ProcessName),
                ("used_memory", Unit((long)Math.Round(process.MemoryGb * 1024), "MiB")));
        }

        xml.WriteFullEndElement();
        xml.WriteStartElement("accounted_processes");
        xml.WriteFullEndElement();
        xml.WriteEndElement();
    }

    private static void Group(XmlWriter xml, string name, params ReadOnlySpan<(string Name, string Value)> children)
    {
        xml.WriteStartElement(name);
        foreach (var (child, value) in children)
        {
            xml.WriteElementString(child, value);
        }

        xml.WriteEndElement();
    }

    private static string Unit(long value, string unit) => string.Create(CultureInfo.InvariantCulture, $"{value} {unit}");

    private static string Watts(double value) => value.ToString("0.00", CultureInfo.InvariantCulture) + " W";

    /// <summary>C's <c>ctime</c>: <c>Fri Aug  4 11:44:30 2023</c> (day padded with a space).</summary>
    private static string CTime(DateTimeOffset time)
    {
        var t = time.UtcDateTime;
        return string.Create(CultureInfo.InvariantCulture, $"{t:ddd} {t:MMM} {t.Day,2} {t:HH:mm:ss} {t:yyyy}");
    }
}
