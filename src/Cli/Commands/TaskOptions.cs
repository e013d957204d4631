using System.CommandLine;
using PveAgent.Core.Registry;
using PveAgent.Core.Registry.Validation;
using PveAgent.Core.Routing;

namespace PveAgent.Cli.Commands;

/// <summary>The options that describe an AI task, shared by <c>route</c> and <c>run --type</c>.</summary>
internal sealed class TaskOptions
{
    public Option<string?> Type { get; } = new("--type", "-t")
    {
        Description = "Task type: llm-inference, small-llm-inference, image-generation, video-generation, training, speech-to-text, embeddings, preprocessing, or a custom capability",
        HelpName = "type",
    };

    public Option<string?> Model { get; } = new("--model", "-m") { Description = "Model to use, e.g. llama-3.3-70b, whisper-large-v3", HelpName = "name" };

    public Option<string?> Priority { get; } = new("--priority") { Description = "interactive, normal (default) or batch", HelpName = "level" };

    public Option<double?> MaxLatencyMs { get; } = new("--max-latency-ms") { Description = "Exclude places whose estimated latency is higher", HelpName = "ms" };

    public Option<double?> MinVramGb { get; } = new("--min-vram-gb") { Description = "Exclude places with less free accelerator memory", HelpName = "GB" };

    public Option<string?> Accelerator { get; } = new("--accelerator") { Description = "Only this accelerator kind: nvidia, tenstorrent, amd, fpga, cpu", HelpName = "kind" };

    public Option<string?> Node { get; } = new("--node") { Description = "Run only on this node", HelpName = "node" };

    public Option<string[]> Avoid { get; } = new("--avoid") { Description = "Never run on these nodes", HelpName = "node", AllowMultipleArgumentsPerToken = true };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Type, Model, Priority, MaxLatencyMs, MinVramGb, Accelerator, Node, Avoid })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Builds the request, or explains what is wrong with the options.</summary>
    public TaskRequest Build(ParseResult parse, ClusterConfig config, string? input)
    {
        var typeName = parse.GetValue(Type) ?? throw new UserFacingException("--type is required", "e.g. --type llm-inference (see pve-agent route --help)", ExitCodes.Usage);
        var type = TaskType.Parse(typeName);
        if (!type.IsBuiltIn && !config.Cluster.CustomCapabilities.Contains(type.Name, StringComparer.OrdinalIgnoreCase))
        {
            var known = TaskType.BuiltIn.Select(t => t.Name).Concat(config.Cluster.CustomCapabilities).ToList();
            throw new UserFacingException(
                DidYouMean.Suggest(typeName, known) is { } close ? $"unknown task type '{typeName}' — did you mean '{close}'?" : $"unknown task type '{typeName}'",
                $"known types: {string.Join(", ", known)}; a type of your own must be declared in cluster.custom_capabilities",
                ExitCodes.Usage);
        }

        var priority = parse.GetValue(Priority) switch
        {
            null or "normal" => TaskPriority.Normal,
            "interactive" => TaskPriority.Interactive,
            "batch" => TaskPriority.Batch,
            var other => throw new UserFacingException($"--priority '{other}' is not a priority", "use interactive, normal or batch", ExitCodes.Usage),
        };

        AcceleratorKind? kind = null;
        if (parse.GetValue(Accelerator) is { } acceleratorName)
        {
            kind = Enum.TryParse<AcceleratorKind>(acceleratorName, ignoreCase: true, out var parsed) && !int.TryParse(acceleratorName, out _)
                ? parsed
                : throw new UserFacingException($"--accelerator '{acceleratorName}' is not an accelerator kind", "use nvidia, tenstorrent, amd, fpga or cpu", ExitCodes.Usage);
        }

        var pin = parse.GetValue(Node);
        var avoid = parse.GetValue(Avoid) ?? [];
        foreach (var node in avoid.Append(pin).OfType<string>())
        {
            if (config.FindNode(node) is null)
            {
                throw new UserFacingException($"no node '{node}' in cluster.yaml", DidYouMean.Hint(node, [.. config.Nodes.Select(n => n.Name)], listIntro: "nodes are"), ExitCodes.Usage);
            }
        }

        return new TaskRequest
        {
            Type = type,
            Model = parse.GetValue(Model),
            Input = input,
            Priority = priority,
            Constraints = new TaskConstraints
            {
                MaxLatencyMs = parse.GetValue(MaxLatencyMs),
                MinVramGb = parse.GetValue(MinVramGb),
                AcceleratorKind = kind,
                PinNode = pin,
                AvoidNodes = avoid,
            },
        };
    }
}
