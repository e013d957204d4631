using PveAgent.Core.Registry.Validation;

namespace PveAgent.Core.Registry.Binding;

/// <summary>Binds a node's <c>wake_on_lan:</c> settings.</summary>
internal static class WakeOnLanBinder
{
    internal static readonly string[] Keys = ["mac", "via", "boot_seconds"];

    public static WakeOnLanConfig? Bind(ConfigMapping wake, string nodeName, IReadOnlyList<string> nodeNames, ConfigBindingContext context)
    {
        var mac = wake.GetString("mac", required: true, missingHint: "write the MAC address of the node's wake-capable network card, e.g. mac: \"D8:5E:D3:4A:11:83\"");
        string? normalized = null;
        if (mac is not null)
        {
            normalized = MacAddress.Normalize(mac);
            if (normalized is null)
            {
                context.ReportError(wake.ValueOf("mac")!, $"mac '{mac}' in {wake.Description} is not a MAC address",
                    "write six hexadecimal pairs separated by ':', e.g. mac: \"D8:5E:D3:4A:11:83\" (`ip link` on the node shows it)");
            }
        }

        var via = wake.GetString("via");
        if (via is not null)
        {
            if (string.Equals(via, nodeName, StringComparison.OrdinalIgnoreCase))
            {
                context.ReportError(wake.ValueOf("via")!, $"node '{nodeName}' cannot send its own wake-up packet",
                    "name another node that stays on, or remove 'via' to use any online node");
                via = null;
            }
            else if (!nodeNames.Contains(via, StringComparer.OrdinalIgnoreCase))
            {
                context.ReportError(wake.ValueOf("via")!, $"'via' in {wake.Description} names node '{via}', which is not declared under 'nodes'",
                    DidYouMean.Hint(via, [.. nodeNames.Where(n => n != nodeName)], listIntro: "declared nodes are"));
                via = null;
            }
        }

        var boot = wake.GetNumber("boot_seconds", min: 0, minExclusive: true, rangeHint: "write how many seconds the node needs to boot, e.g. boot_seconds: 90");

        if (normalized is null)
        {
            return null;
        }

        var config = new WakeOnLanConfig { Mac = normalized, Via = via };
        return boot is { } seconds ? config with { BootSeconds = seconds } : config;
    }
}
