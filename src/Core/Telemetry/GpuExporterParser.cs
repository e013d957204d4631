using System.Globalization;

namespace PveAgent.Core.Telemetry;

/// <summary>
/// Maps the <c>/metrics</c> of an existing GPU exporter to <see cref="GpuReading"/>s: NVIDIA's DCGM exporter
/// (<c>DCGM_FI_DEV_*</c>, labels <c>gpu</c>, <c>UUID</c>, <c>modelName</c>) or utkuozdemir's nvidia_gpu_exporter
/// (<c>nvidia_smi_*</c>, label <c>uuid</c>).
/// </summary>
public static class GpuExporterParser
{
    private const string DcgmPrefix = "DCGM_FI_DEV_";
    private const string NvidiaSmiPrefix = "nvidia_smi_";
    private const double BytesPerMib = 1024 * 1024;

    /// <summary>GPU readings, or <see cref="TelemetryFailureKind.UnknownExporter"/> when the scrape is from neither exporter.</summary>
    public static ParseResult<IReadOnlyList<GpuReading>> Parse(PrometheusScrape scrape)
    {
        ArgumentNullException.ThrowIfNull(scrape);
        if (scrape.Families.Any(f => f.Name.StartsWith(DcgmPrefix, StringComparison.Ordinal)))
        {
            return ParseResult.Success<IReadOnlyList<GpuReading>>(ReadDcgm(scrape));
        }

        if (scrape.Families.Any(f => f.Name.StartsWith(NvidiaSmiPrefix, StringComparison.Ordinal)))
        {
            return ParseResult.Success<IReadOnlyList<GpuReading>>(ReadNvidiaGpuExporter(scrape));
        }

        var seen = string.Join(", ", scrape.Families.Take(3).Select(f => f.Name));
        return ParseResult.Fail<IReadOnlyList<GpuReading>>(
            TelemetryFailureKind.UnknownExporter,
            (scrape.Families.Count == 0 ? "the exporter returned no metrics" : $"no DCGM_FI_DEV_* or nvidia_smi_* metrics found (saw {seen}…)") +
            ": point telemetry.url at NVIDIA's DCGM exporter (http://host:9400/metrics) or nvidia_gpu_exporter (http://host:9835/metrics).");
    }

    private static GpuReading[] ReadDcgm(PrometheusScrape scrape)
    {
        // A sample with GPU_I_ID belongs to a MIG instance; whole-GPU figures come from samples without it.
        var samples = scrape.Families
            .Where(f => f.Name.StartsWith(DcgmPrefix, StringComparison.Ordinal))
            .SelectMany(f => f.Samples.Select(s => (Family: f.Name, Sample: s)))
            .Where(x => x.Sample.Label("gpu") is not null || x.Sample.Label("UUID") is not null)
            .ToList();

        return samples
            .GroupBy(x => (Gpu: x.Sample.Label("gpu"), Uuid: x.Sample.Label("UUID")))
            .Select(group =>
            {
                var whole = group.Where(x => x.Sample.Label("GPU_I_ID") is null).ToList();
                var mig = group.Where(x => x.Sample.Label("GPU_I_ID") is not null).ToList();
                double? Whole(string field) => whole.Where(x => x.Family == DcgmPrefix + field).Select(x => (double?)x.Sample.Value).FirstOrDefault();

                var migDevices = mig
                    .GroupBy(x => x.Sample.Label("GPU_I_ID"))
                    .Select(instance =>
                    {
                        double? Of(string field) => instance.Where(x => x.Family == DcgmPrefix + field).Select(x => (double?)x.Sample.Value).FirstOrDefault();
                        var used = Of("FB_USED");
                        var free = Of("FB_FREE");
                        return new MigDeviceReading
                        {
                            GpuInstanceId = int.TryParse(instance.Key, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null,
                            Profile = instance.First().Sample.Label("GPU_I_PROFILE"),
                            MemoryUsedMib = used,
                            MemoryTotalMib = used + free,
                        };
                    })
                    .OrderBy(m => m.GpuInstanceId)
                    .ToArray();

                var usedMib = Whole("FB_USED") ?? SumOrNull(migDevices.Select(m => m.MemoryUsedMib));
                var freeMib = Whole("FB_FREE") ?? SumOrNull(migDevices.Select(m => m.MemoryTotalMib - m.MemoryUsedMib));
                var first = group.First().Sample;
                return new GpuReading
                {
                    Index = int.TryParse(group.Key.Gpu, NumberStyles.Integer, CultureInfo.InvariantCulture, out var index) ? index : null,
                    Uuid = group.Key.Uuid,
                    Name = first.Label("modelName"),
                    PciBusId = first.Label("pci_bus_id"),
                    UtilizationPercent = Whole("GPU_UTIL"),
                    TemperatureC = Whole("GPU_TEMP"),
                    PowerDrawWatts = Whole("POWER_USAGE"),
                    PowerLimitWatts = Whole("POWER_MGMT_LIMIT") ?? Whole("ENFORCED_POWER_LIMIT"),
                    MemoryUsedMib = usedMib,
                    // nvidia-smi's memory.total is used + free + reserved; DCGM reports the three separately.
                    MemoryTotalMib = Whole("FB_TOTAL") ?? (usedMib + freeMib + (Whole("FB_RESERVED") ?? 0)),
                    MigEnabled = migDevices.Length > 0 ? true : null,
                    MigDevices = migDevices,
                };
            })
            .OrderBy(g => g.Index ?? int.MaxValue)
            .ToArray();
    }

    private static GpuReading[] ReadNvidiaGpuExporter(PrometheusScrape scrape)
    {
        var perGpu = scrape.Families
            .Where(f => f.Name.StartsWith(NvidiaSmiPrefix, StringComparison.Ordinal))
            .SelectMany(f => f.Samples.Select(s => (Family: f.Name, Sample: s)))
            .Where(x => x.Sample.Label("uuid") is not null && x.Sample.Label("pid") is null)
            .GroupBy(x => x.Sample.Label("uuid")!, StringComparer.Ordinal);

        var hasProcessList = scrape.Find(NvidiaSmiPrefix + "compute_apps")?.HasSamples == true;
        var processes = scrape.SamplesOf(NvidiaSmiPrefix + "compute_app_info")
            .Select(info => new GpuProcessReading
            {
                Pid = int.TryParse(info.Label("pid"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) ? pid : null,
                Name = info.Label("process_name"),
                GpuUuid = NormalizeUuid(info.Label("uuid")),
                UsedMemoryMib = scrape.SamplesOf(NvidiaSmiPrefix + "compute_app_used_memory_bytes")
                    .Where(m => m.Label("pid") == info.Label("pid") && m.Label("uuid") == info.Label("uuid"))
                    .Select(m => (double?)(m.Value / BytesPerMib))
                    .FirstOrDefault(),
            })
            .ToList();

        return perGpu
            .Select(group =>
            {
                double? Value(string name) => group.Where(x => x.Family == NvidiaSmiPrefix + name).Select(x => (double?)x.Sample.Value).FirstOrDefault();
                var info = group.FirstOrDefault(x => x.Family == NvidiaSmiPrefix + "gpu_info").Sample;
                var uuid = NormalizeUuid(group.Key);
                return new GpuReading
                {
                    Index = int.TryParse(info?.Label("index"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var index)
                        ? index
                        : (int?)Value("index"),
                    Uuid = uuid,
                    Name = info?.Label("name"),
                    PciBusId = info?.Label("pci_bus_id"),
                    UtilizationPercent = Value("utilization_gpu_ratio") * 100,
                    MemoryTotalMib = Value("memory_total_bytes") / BytesPerMib,
                    MemoryUsedMib = Value("memory_used_bytes") / BytesPerMib,
                    TemperatureC = Value("temperature_gpu"),
                    PowerDrawWatts = Value("power_draw_watts") ?? Value("power_draw_average_watts"),
                    PowerLimitWatts = Value("power_limit_watts") ?? Value("enforced_power_limit_watts"),
                    MigEnabled = Value("mig_mode_current") is { } mig ? mig != 0 : null,
                    Processes = hasProcessList ? processes.Where(p => p.GpuUuid == uuid).ToArray() : null,
                };
            })
            .OrderBy(g => g.Index ?? int.MaxValue)
            .ToArray();
    }

    // nvidia_gpu_exporter drops nvidia-smi's "GPU-" prefix; restore it so readings from every source key alike.
    private static string? NormalizeUuid(string? uuid) =>
        uuid is null || uuid.StartsWith("GPU-", StringComparison.OrdinalIgnoreCase) || uuid.StartsWith("MIG-", StringComparison.OrdinalIgnoreCase)
            ? uuid
            : "GPU-" + uuid;

    private static double? SumOrNull(IEnumerable<double?> values)
    {
        var known = values.Where(v => v is not null).ToList();
        return known.Count == 0 ? null : known.Sum();
    }
}
