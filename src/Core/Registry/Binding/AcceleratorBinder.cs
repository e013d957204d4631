using PveAgent.Core.Registry.Validation;
using YamlDotNet.RepresentationModel;

namespace PveAgent.Core.Registry.Binding;

/// <summary>Binds one item of a node's <c>accelerators:</c> list.</summary>
internal static class AcceleratorBinder
{
    private static readonly string[] Keys = ["type", "model", "count", "vram_gb"];

    public static AcceleratorConfig? Bind(YamlNode item, string description, ConfigBindingContext context)
    {
        if (context.ReadMapping(item, description, Keys) is not { } accelerator)
        {
            return null;
        }

        AcceleratorKind? kind = null;
        if (accelerator.GetString("type", required: true, missingHint: $"write the accelerator family: {string.Join(", ", KindNames.Accelerators)}") is { } type)
        {
            if (KindNames.TryParseAccelerator(type, out var parsed))
            {
                kind = parsed;
            }
            else
            {
                context.ReportError(accelerator.ValueOf("type")!, $"unknown accelerator type '{type}' in {description}",
                    DidYouMean.Hint(type, KindNames.Accelerators, listIntro: "known types are"));
            }
        }

        var model = accelerator.GetString("model", required: true, missingHint: "write the model as you would name it, e.g. model: RTX 3090");
        var count = accelerator.GetInt("count", min: 1, rangeHint: "list only accelerators the node has; remove the entry if it has none");
        var vram = accelerator.GetNumber("vram_gb", min: 0, minExclusive: true, rangeHint: "write the memory of one device in GB, e.g. vram_gb: 24");

        if (kind is null || model is null || (accelerator.ValueOf("count") is not null && count is null))
        {
            return null;
        }

        return new AcceleratorConfig { Kind = kind.Value, Model = model, Count = count ?? 1, VramGb = vram };
    }
}
