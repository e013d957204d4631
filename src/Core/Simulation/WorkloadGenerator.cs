using PveAgent.Core.Routing;

namespace PveAgent.Core.Simulation;

/// <summary>
/// Turns a <see cref="WorkloadProfile"/> into a reproducible arrival sequence: a Poisson process (thinned to follow
/// the burst schedule), task types by weight, models by Zipf popularity, log-normal prompt, output and audio sizes.
/// The same profile, duration and seed always give the same tasks.
/// </summary>
public static class WorkloadGenerator
{
    /// <summary>The tasks arriving in the first <paramref name="minutes"/> minutes for <paramref name="seed"/>.</summary>
    public static IReadOnlyList<SimTask> Generate(WorkloadProfile workload, double minutes, int seed)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentOutOfRangeException.ThrowIfNegative(minutes);
        if (workload.Mix.Count == 0 || workload.ArrivalsPerSecond <= 0)
        {
            return [];
        }

        var random = new Random(seed);
        var end = minutes * 60;
        var peak = workload.ArrivalsPerSecond * Math.Max(1, workload.BurstMultiplier);
        var totalWeight = workload.Mix.Sum(m => m.Weight);
        var zipf = workload.Mix.Select(m => Cumulative(m.Models.Count, m.ZipfExponent)).ToArray();
        var tasks = new List<SimTask>();
        var t = 0.0;
        while (true)
        {
            t += -Math.Log(1 - random.NextDouble()) / peak;
            if (t >= end)
            {
                break;
            }

            if (random.NextDouble() * peak > RateAt(workload, t))
            {
                continue;
            }

            var pick = random.NextDouble() * totalWeight;
            var index = 0;
            while (index < workload.Mix.Count - 1 && pick >= workload.Mix[index].Weight)
            {
                pick -= workload.Mix[index].Weight;
                index++;
            }

            tasks.Add(new SimTask(tasks.Count, t, Request(workload.Mix[index], zipf[index], random)));
        }

        return tasks;
    }

    /// <summary>Arrivals per second at time <paramref name="seconds"/>.</summary>
    internal static double RateAt(WorkloadProfile workload, double seconds)
    {
        var inBurst = workload.BurstEverySeconds > 0 && workload.BurstSeconds > 0
            && (seconds % workload.BurstEverySeconds) >= workload.BurstEverySeconds - workload.BurstSeconds;
        return workload.ArrivalsPerSecond * (inBurst ? workload.BurstMultiplier : 1);
    }

    private static TaskRequest Request(TaskMix mix, double[] zipf, Random random)
    {
        string? model = null;
        if (zipf.Length > 0)
        {
            var u = random.NextDouble();
            var rank = Array.BinarySearch(zipf, u);
            model = mix.Models[Math.Min(rank < 0 ? ~rank : rank, zipf.Length - 1)];
        }

        var job = mix.Type.Execution == TaskExecution.Job;
        var priority = random.NextDouble() < mix.InteractiveShare ? TaskPriority.Interactive
            : job || mix.Type == TaskType.Embeddings ? TaskPriority.Batch
            : TaskPriority.Normal;
        return new TaskRequest
        {
            Type = mix.Type,
            Model = model,
            Priority = priority,
            Size = new TaskSize
            {
                PromptTokens = (int)Math.Clamp(LogNormal(random, mix.MedianPromptTokens, 0.8), 16, 8000),
                OutputTokens = (int)Math.Clamp(LogNormal(random, mix.MedianOutputTokens, 0.7), 8, 2048),
                AudioSeconds = Math.Round(Math.Clamp(LogNormal(random, mix.MedianAudioSeconds, 1.0), 2, 1800), 1),
                JobSeconds = Math.Round(mix.JobSeconds.Min + (random.NextDouble() * (mix.JobSeconds.Max - mix.JobSeconds.Min)), 1),
            },
        };
    }

    private static double LogNormal(Random random, double median, double sigma)
    {
        // Box-Muller: one standard normal from two uniforms.
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        var normal = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return median * Math.Exp(sigma * normal);
    }

    private static double[] Cumulative(int count, double exponent)
    {
        var weights = Enumerable.Range(1, count).Select(k => 1 / Math.Pow(k, exponent)).ToArray();
        var total = weights.Sum();
        var cumulative = new double[count];
        var running = 0.0;
        for (var i = 0; i < count; i++)
        {
            running += weights[i] / total;
            cumulative[i] = running;
        }

        return cumulative;
    }
}
