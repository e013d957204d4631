namespace PveAgent.Core.Hardware;

/// <summary>Size and kind of a model as deployed, used to estimate load time, memory and speed.</summary>
public sealed record ModelProfile
{
    /// <summary>Model name.</summary>
    public required string Name { get; init; }

    /// <summary>What the model does.</summary>
    public required ModelKind Kind { get; init; }

    /// <summary>Parameters in billions.</summary>
    public required double ParametersBillions { get; init; }

    /// <summary>Weights in GB as usually deployed (quantisation included).</summary>
    public required double WeightsGb { get; init; }

    /// <summary>True when size was inferred from the name or defaulted, not known.</summary>
    public bool IsEstimate { get; init; }

    /// <summary>Memory the model needs to serve: weights plus ~20 % for KV cache and activations.</summary>
    public double ServingMemoryGb => WeightsGb * 1.2;
}
