using System.Globalization;
using System.Text;

namespace PveAgent.Simulator.Telemetry;

/// <summary>
/// The output of <c>nvidia-smi --query-gpu=index,uuid,name,memory.total,memory.used,utilization.gpu,temperature.gpu,
/// power.draw,power.limit --format=csv,noheader,nounits</c>: one line per GPU, fields separated by comma and space.
/// </summary>
internal static class NvidiaSmiCsv
{
    public const string Query = "index,uuid,name,memory.total,memory.used,utilization.gpu,temperature.gpu,power.draw,power.limit";

    public static string Render(IReadOnlyList<DeviceReading> gpus, string node, int seed)
    {
        var text = new StringBuilder();
        foreach (var gpu in gpus)
        {
            // An unrecognised card's power figures are guesses: report them as a real card does when it cannot, [N/A].
            var draw = gpu.Profile.IsEstimate ? "[N/A]" : gpu.PowerWatts.ToString("0.00", CultureInfo.InvariantCulture);
            var limit = gpu.Profile.IsEstimate ? "[N/A]" : gpu.Profile.MaxWatts.ToString("0.00", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture,
                $"{gpu.FamilyIndex}, {NvidiaNames.Uuid(gpu, node, seed)}, {NvidiaNames.ProductName(gpu)}, {gpu.MemoryTotalMiB}, {gpu.MemoryUsedMiB}, {gpu.UtilizationPercent}, {gpu.TemperatureCelsius}, {draw}, {limit}\n");
        }

        return text.ToString();
    }
}
