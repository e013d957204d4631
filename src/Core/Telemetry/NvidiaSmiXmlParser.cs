using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace PveAgent.Core.Telemetry;

/// <summary>
/// Parses <c>nvidia-smi -q -x</c>. The DOCTYPE is ignored (never resolved), and the power section is read under every
/// schema it has had: <c>power_readings/power_draw</c> (v10–v11), <c>gpu_power_readings/power_draw</c> (v12) and
/// <c>gpu_power_readings/average_power_draw</c> (driver 535+, v12–v13).
/// </summary>
public static partial class NvidiaSmiXmlParser
{
    /// <summary>nvidia-smi arguments for the XML report.</summary>
    public static IReadOnlyList<string> Arguments { get; } = ["-q", "-x"];

    /// <summary>Parses the XML report; nvidia-smi's error messages and malformed XML become typed failures.</summary>
    public static ParseResult<NvidiaSmiReport> Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!output.Contains("<nvidia_smi_log", StringComparison.Ordinal) && NvidiaSmiDiagnostics.Recognise(output) is { } failure)
        {
            return ParseResult.Fail<NvidiaSmiReport>(failure);
        }

        XDocument document;
        try
        {
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Ignore,
                XmlResolver = null,
                IgnoreComments = true,
            };
            using var reader = XmlReader.Create(new StringReader(output), settings);
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            return ParseResult.Fail<NvidiaSmiReport>(
                TelemetryFailureKind.MalformedOutput, $"nvidia-smi -q -x returned invalid XML: {ex.Message}");
        }

        var root = document.Root;
        if (root is null || root.Name.LocalName != "nvidia_smi_log")
        {
            return ParseResult.Fail<NvidiaSmiReport>(
                TelemetryFailureKind.MalformedOutput,
                $"nvidia-smi -q -x returned <{root?.Name.LocalName}> where <nvidia_smi_log> was expected.");
        }

        var schema = DtdVersion().Match(output);
        var gpus = root.Elements("gpu").Select(ReadGpu).ToArray();
        return ParseResult.Success(new NvidiaSmiReport
        {
            DriverVersion = ToolValue.Text(root.Element("driver_version")?.Value),
            CudaVersion = ToolValue.Text(root.Element("cuda_version")?.Value),
            SchemaVersion = schema.Success ? int.Parse(schema.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null,
            Gpus = gpus,
        });
    }

    private static GpuReading ReadGpu(XElement gpu, int position)
    {
        var power = gpu.Element("gpu_power_readings") ?? gpu.Element("power_readings");
        var memory = gpu.Element("fb_memory_usage");
        return new GpuReading
        {
            Index = position,
            Uuid = Text(gpu, "uuid"),
            Name = Text(gpu, "product_name"),
            PciBusId = ToolValue.Text(gpu.Attribute("id")?.Value),
            MemoryTotalMib = Number(memory, "total"),
            MemoryUsedMib = Number(memory, "used"),
            UtilizationPercent = Number(gpu.Element("utilization"), "gpu_util"),
            TemperatureC = Number(gpu.Element("temperature"), "gpu_temp"),
            PowerDrawWatts = Number(power, "power_draw") ?? Number(power, "average_power_draw") ?? Number(power, "instant_power_draw"),
            PowerLimitWatts = Number(power, "power_limit") ?? Number(power, "current_power_limit") ?? Number(power, "enforced_power_limit"),
            MigEnabled = ToolValue.Enabled(gpu.Element("mig_mode")?.Element("current_mig")?.Value),
            MigDevices = gpu.Element("mig_devices")?.Elements("mig_device").Select(ReadMigDevice).ToArray() ?? [],
            Processes = gpu.Element("processes")?.Elements("process_info").Select(p => ReadProcess(p, Text(gpu, "uuid"))).ToArray(),
        };
    }

    private static MigDeviceReading ReadMigDevice(XElement mig) => new()
    {
        Index = ToolValue.Integer(mig.Element("index")?.Value),
        GpuInstanceId = ToolValue.Integer(mig.Element("gpu_instance_id")?.Value),
        ComputeInstanceId = ToolValue.Integer(mig.Element("compute_instance_id")?.Value),
        MemoryTotalMib = Number(mig.Element("fb_memory_usage"), "total"),
        MemoryUsedMib = Number(mig.Element("fb_memory_usage"), "used"),
    };

    private static GpuProcessReading ReadProcess(XElement process, string? gpuUuid) => new()
    {
        Pid = ToolValue.Integer(process.Element("pid")?.Value),
        Name = ToolValue.Text(process.Element("process_name")?.Value),
        Type = ToolValue.Text(process.Element("type")?.Value),
        UsedMemoryMib = ToolValue.Number(process.Element("used_memory")?.Value),
        GpuUuid = gpuUuid,
    };

    private static string? Text(XElement parent, string name) => ToolValue.Text(parent.Element(name)?.Value);

    private static double? Number(XElement? parent, string name) => ToolValue.Number(parent?.Element(name)?.Value);

    [GeneratedRegex(@"nvsmi_device_v(\d+)\.dtd")]
    private static partial Regex DtdVersion();
}
