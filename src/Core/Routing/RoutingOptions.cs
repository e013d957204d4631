using System.Globalization;

namespace PveAgent.Core.Routing;

/// <summary>
/// Weights and defaults of the router's score (the <c>routing:</c> section of <c>cluster.yaml</c>). Every part of a
/// score is a weight times a measured or estimated figure, in points; higher totals win. Weights are ≥ 0 and finite.
/// </summary>
/// <remarks>
/// The defaults are chosen so that seconds are the common currency: one point is worth about one second of expected
/// delay (cold start, service time, wake, guest start), a warm model is worth 30 s more than its load time because a
/// cold load also pushes other warm models out, and power cost is a tie-breaker for inference (a cent is a point, and
/// one request costs a hundredth of a cent) while it still counts for hour-long jobs.
/// </remarks>
public sealed record RoutingOptions
{
    /// <summary>The documented defaults.</summary>
    public static RoutingOptions Default { get; } = new();

    /// <summary>Points for a model that is already loaded where the task would run (default 30).</summary>
    public double WarmModelBonus { get; init; } = 30;

    /// <summary>Points lost per second of estimated cold start (loading the model from disk to device memory) (default 1).</summary>
    public double ColdStartPerSecond { get; init; } = 1;

    /// <summary>Points lost per warm model a cold load would unload to make room (default 10).</summary>
    public double EvictionPenalty { get; init; } = 10;

    /// <summary>
    /// Points lost for loading a model into a service that cluster.yaml does not list it under while another service on
    /// the same node lists or holds it (default 20): an Ollama that could pull the vLLM's model would otherwise tie with
    /// that vLLM and keep the same weights in memory twice. Smaller than <see cref="WarmModelBonus"/>, so a copy that is
    /// already loaded is still used.
    /// </summary>
    public double SecondCopyPenalty { get; init; } = 20;

    /// <summary>Points lost when a cold load must wait for busy services to finish and unload their models (default 30).</summary>
    public double MemoryWaitPenalty { get; init; } = 30;

    /// <summary>Seconds a cold load is assumed to wait for busy services' memory, for latency estimates (default 30).</summary>
    public double MemoryWaitSeconds { get; init; } = 30;

    /// <summary>Points lost per unit of accelerator-normalised load, (running + waiting) / (concurrent streams × devices) (default 20).</summary>
    public double LoadWeight { get; init; } = 20;

    /// <summary>Points lost per request already waiting in the service's queue (default 0.5).</summary>
    public double QueueDepthPerRequest { get; init; } = 0.5;

    /// <summary>Points for the share of device memory still free after the model is placed, 0–1 (default 5).</summary>
    public double VramHeadroomWeight { get; init; } = 5;

    /// <summary>Points lost per second of the model's own measured mean latency on the service, over its moving window; a model with fewer than <see cref="MeasuredLatencyMinSamples"/> samples there loses none (default 2).</summary>
    public double MeasuredLatencyPerSecond { get; init; } = 2;

    /// <summary>Points lost per second the work is expected to take there: the hardware model's estimate, stretched when more requests than the accelerator's streams share it (default 1).</summary>
    public double ServiceTimePerSecond { get; init; } = 1;

    /// <summary>Points lost per second of Wake-on-LAN boot for an asleep node (default 1).</summary>
    public double WakePerSecond { get; init; } = 1;

    /// <summary>Points lost per second needed to start a stopped guest that hosts the service (default 1).</summary>
    public double GuestStartPerSecond { get; init; } = 1;

    /// <summary>Points lost per unit of currency of marginal energy cost (default 100: a cent is a point).</summary>
    public double PowerCostPerCurrencyUnit { get; init; } = 100;

    /// <summary>Electricity price per kWh, bound from <c>cluster.energy_price_per_kwh</c> (default 0.30).</summary>
    public double EnergyPricePerKwh { get; init; } = 0.30;

    /// <summary>Seconds a stopped VM needs until its service answers (default 30).</summary>
    public double VmStartSeconds { get; init; } = 30;

    /// <summary>Seconds a stopped container needs until its service answers (default 5).</summary>
    public double ContainerStartSeconds { get; init; } = 5;

    /// <summary>Largest model, in billions of parameters, an <c>llm-inference</c> task may take to a <c>small-llm-inference</c> node (default 8).</summary>
    public double SmallModelMaxBillions { get; init; } = 8;

    /// <summary>Samples a model's latency window on a service needs before its mean counts (default 3).</summary>
    public int MeasuredLatencyMinSamples { get; init; } = 3;

    /// <summary>Candidates listed in a decision, the fallback chain's length (default 8, 1–1000); the rest are only counted.</summary>
    public int MaxCandidates { get; init; } = 8;

    /// <summary>When true (default), every awake candidate ranks before every asleep one: a node is woken only when no awake node can take the task.</summary>
    public bool WakeOnlyWhenNeeded { get; init; } = true;

    /// <summary>
    /// When true, an Ollama server counts as able to serve any text or embedding model, as if it pulled what it lacks on
    /// demand. Default false: Ollama answers 404 for a model that was never pulled, and PveAgent does not download
    /// models by itself, so only pulled models (its <c>/api/tags</c>) and the ones cluster.yaml lists count.
    /// </summary>
    public bool OllamaPullsOnDemand { get; init; }

    /// <summary>The problems with these options, empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Weight(errors, nameof(WarmModelBonus), WarmModelBonus);
        Weight(errors, nameof(ColdStartPerSecond), ColdStartPerSecond);
        Weight(errors, nameof(EvictionPenalty), EvictionPenalty);
        Weight(errors, nameof(SecondCopyPenalty), SecondCopyPenalty);
        Weight(errors, nameof(MemoryWaitPenalty), MemoryWaitPenalty);
        Weight(errors, nameof(MemoryWaitSeconds), MemoryWaitSeconds);
        Weight(errors, nameof(LoadWeight), LoadWeight);
        Weight(errors, nameof(QueueDepthPerRequest), QueueDepthPerRequest);
        Weight(errors, nameof(VramHeadroomWeight), VramHeadroomWeight);
        Weight(errors, nameof(MeasuredLatencyPerSecond), MeasuredLatencyPerSecond);
        Weight(errors, nameof(ServiceTimePerSecond), ServiceTimePerSecond);
        Weight(errors, nameof(WakePerSecond), WakePerSecond);
        Weight(errors, nameof(GuestStartPerSecond), GuestStartPerSecond);
        Weight(errors, nameof(PowerCostPerCurrencyUnit), PowerCostPerCurrencyUnit);
        Weight(errors, nameof(EnergyPricePerKwh), EnergyPricePerKwh);
        Weight(errors, nameof(VmStartSeconds), VmStartSeconds);
        Weight(errors, nameof(ContainerStartSeconds), ContainerStartSeconds);
        if (!(SmallModelMaxBillions > 0) || !double.IsFinite(SmallModelMaxBillions))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"routing.{nameof(SmallModelMaxBillions)} is {SmallModelMaxBillions}; it must be a positive number of billions of parameters, e.g. 8."));
        }

        if (MeasuredLatencyMinSamples is < 1 or > 10_000)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"routing.{nameof(MeasuredLatencyMinSamples)} is {MeasuredLatencyMinSamples}; it must be between 1 and 10000."));
        }

        if (MaxCandidates is < 1 or > 1000)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"routing.{nameof(MaxCandidates)} is {MaxCandidates}; it must be between 1 and 1000."));
        }

        return errors;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem when the options are invalid.</summary>
    public void EnsureValid()
    {
        if (!QuickCheck())
        {
            var errors = Validate();
            if (errors.Count > 0)
            {
                throw new ArgumentException("Invalid routing options: " + string.Join(" ", errors));
            }
        }
    }

    // Allocation-free pre-check: the router calls EnsureValid on every decision.
    private bool QuickCheck() =>
        Ok(WarmModelBonus) && Ok(ColdStartPerSecond) && Ok(EvictionPenalty) && Ok(SecondCopyPenalty) && Ok(MemoryWaitPenalty) && Ok(MemoryWaitSeconds) && Ok(LoadWeight) && Ok(QueueDepthPerRequest)
        && Ok(VramHeadroomWeight) && Ok(MeasuredLatencyPerSecond) && Ok(ServiceTimePerSecond) && Ok(WakePerSecond)
        && Ok(GuestStartPerSecond) && Ok(PowerCostPerCurrencyUnit) && Ok(EnergyPricePerKwh) && Ok(VmStartSeconds)
        && Ok(ContainerStartSeconds) && SmallModelMaxBillions > 0 && double.IsFinite(SmallModelMaxBillions)
        && MeasuredLatencyMinSamples is >= 1 and <= 10_000 && MaxCandidates is >= 1 and <= 1000;

    private static bool Ok(double value) => value >= 0 && value <= 1e9;

    private static void Weight(List<string> errors, string name, double value)
    {
        if (!Ok(value))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"routing.{name} is {value}; it must be a finite number between 0 and 1e9."));
        }
    }
}
