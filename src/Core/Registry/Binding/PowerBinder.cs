using System.Globalization;

namespace PveAgent.Core.Registry.Binding;

/// <summary>Binds a node's <c>power:</c> figures.</summary>
internal static class PowerBinder
{
    internal static readonly string[] Keys = ["idle_watts", "max_watts"];

    public static PowerProfile? Bind(ConfigMapping power, string nodeName, ConfigBindingContext context)
    {
        var idle = power.GetNumber("idle_watts", min: 0, rangeHint: "write the draw of the idle node in watts", required: true,
            missingHint: "write the draw of the idle node in watts, e.g. idle_watts: 110");
        var max = power.GetNumber("max_watts", min: 0, rangeHint: "write the draw at full load in watts", required: true,
            missingHint: "write the draw at full load in watts, e.g. max_watts: 1150");
        if (idle is not { } i || max is not { } m)
        {
            return null;
        }

        if (i > m)
        {
            context.ReportError(power.ValueOf("idle_watts")!,
                string.Create(CultureInfo.InvariantCulture, $"idle_watts ({i}) is greater than max_watts ({m}) in 'power' of node '{nodeName}'"),
                "idle_watts is the draw when idle and max_watts the draw at full load; swap or correct them");
            return null;
        }

        return new PowerProfile { IdleWatts = i, MaxWatts = m };
    }
}
