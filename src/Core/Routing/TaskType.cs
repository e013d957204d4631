using PveAgent.Core.Hardware;
using PveAgent.Core.Registry;

namespace PveAgent.Core.Routing;

/// <summary>
/// The kind of work a task is (<c>llm-inference</c>, <c>speech-to-text</c> …, or a custom name declared in
/// <c>cluster.custom_capabilities</c>), with the node capability it needs and how it is carried out.
/// </summary>
/// <remarks>
/// Each built-in type needs the capability of the same name. Two substitutions are allowed because a node that can do
/// more can also do less: an <c>llm-inference</c> task whose model has at most
/// <see cref="RoutingOptions.SmallModelMaxBillions"/> parameters may also go to a <c>small-llm-inference</c> node, and a
/// <c>small-llm-inference</c> task may go to an <c>llm-inference</c> or <c>lightweight-inference</c> node.
/// </remarks>
public sealed record TaskType
{
    private TaskType(string name, TaskExecution execution, ModelKind? modelKind, bool isBuiltIn)
    {
        Name = name;
        Execution = execution;
        ModelKind = modelKind;
        IsBuiltIn = isBuiltIn;
    }

    /// <summary>Large language model inference.</summary>
    public static TaskType LlmInference { get; } = new(Capabilities.LlmInference, TaskExecution.Service, Hardware.ModelKind.TextGeneration, true);

    /// <summary>Small language model inference (≤ ~8B parameters).</summary>
    public static TaskType SmallLlmInference { get; } = new(Capabilities.SmallLlmInference, TaskExecution.Service, Hardware.ModelKind.TextGeneration, true);

    /// <summary>Image generation (diffusion).</summary>
    public static TaskType ImageGeneration { get; } = new(Capabilities.ImageGeneration, TaskExecution.ServiceOrJob, Hardware.ModelKind.ImageGeneration, true);

    /// <summary>Video generation.</summary>
    public static TaskType VideoGeneration { get; } = new(Capabilities.VideoGeneration, TaskExecution.ServiceOrJob, Hardware.ModelKind.ImageGeneration, true);

    /// <summary>Training or fine-tuning (a job on the node).</summary>
    public static TaskType Training { get; } = new(Capabilities.Training, TaskExecution.Job, null, true);

    /// <summary>Speech to text.</summary>
    public static TaskType SpeechToText { get; } = new(Capabilities.SpeechToText, TaskExecution.Service, Hardware.ModelKind.SpeechToText, true);

    /// <summary>Text embeddings.</summary>
    public static TaskType Embeddings { get; } = new(Capabilities.Embeddings, TaskExecution.Service, Hardware.ModelKind.Embedding, true);

    /// <summary>Data preprocessing (a job on the node).</summary>
    public static TaskType Preprocessing { get; } = new(Capabilities.Preprocessing, TaskExecution.Job, null, true);

    /// <summary>Every built-in task type.</summary>
    public static IReadOnlyList<TaskType> BuiltIn { get; } =
        [LlmInference, SmallLlmInference, ImageGeneration, VideoGeneration, Training, SpeechToText, Embeddings, Preprocessing];

    /// <summary>Name as written on the command line and in the capability list, e.g. <c>speech-to-text</c>.</summary>
    public string Name { get; }

    /// <summary>Whether the task runs through an inference service or as a job on the node.</summary>
    public TaskExecution Execution { get; }

    /// <summary>The kind of model the task uses, or null when it uses none in particular.</summary>
    public ModelKind? ModelKind { get; }

    /// <summary>True for the built-in types, false for a custom one.</summary>
    public bool IsBuiltIn { get; }

    /// <summary>The capability a node must declare to take this task.</summary>
    public string Capability => Name;

    /// <summary>A built-in type by name (case-insensitive), or a custom job type needing the capability of that name.</summary>
    public static TaskType Parse(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var trimmed = name.Trim();
        foreach (var type in BuiltIn)
        {
            if (string.Equals(type.Name, trimmed, StringComparison.OrdinalIgnoreCase))
            {
                return type;
            }
        }

        return Custom(trimmed);
    }

    /// <summary>A custom task type: a job on a node that declares the capability <paramref name="name"/>.</summary>
    public static TaskType Custom(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new TaskType(name.Trim().ToLowerInvariant(), TaskExecution.Job, null, false);
    }

    /// <summary>Whether a node declaring <paramref name="capability"/> may take this task for a model of <paramref name="modelBillions"/> parameters (null when unknown).</summary>
    public bool AcceptsCapability(string capability, double? modelBillions, double smallModelMaxBillions)
    {
        ArgumentNullException.ThrowIfNull(capability);
        if (string.Equals(capability, Name, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (this == LlmInference)
        {
            return modelBillions is { } b && b <= smallModelMaxBillions
                && string.Equals(capability, Capabilities.SmallLlmInference, StringComparison.OrdinalIgnoreCase);
        }

        return this == SmallLlmInference
            && (string.Equals(capability, Capabilities.LlmInference, StringComparison.OrdinalIgnoreCase)
                || string.Equals(capability, Capabilities.LightweightInference, StringComparison.OrdinalIgnoreCase));
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
