using YamlDotNet.RepresentationModel;

namespace PveAgent.Core.Registry.Binding;

/// <summary>Binds <c>cluster:</c> into <see cref="ClusterSettings"/> (its <c>proxmox:</c> child is left to <see cref="ProxmoxSectionBinder"/>).</summary>
internal sealed class ClusterSectionBinder : IConfigSectionBinder
{
    internal static readonly string[] Keys = ["name", "simulate", "energy_price_per_kwh", "currency", "custom_capabilities", "proxmox"];

    public string SectionName => "cluster";

    public void Bind(YamlNode? section, ConfigBindingContext context) =>
        context.SetSection(BindSettings(section, context));

    // Something is always stored, even for a broken section: later binders read simulate and custom_capabilities.
    // When 'simulate' cannot be read (already reported) it counts as true, so the report stays on the real mistake
    // instead of adding "no Proxmox connection" errors on top of it.
    private static ClusterSettings BindSettings(YamlNode? section, ConfigBindingContext context)
    {
        var unknown = new ClusterSettings { Name = "", Simulate = true };
        if (section is null || ConfigBindingContext.IsNull(section))
        {
            context.ReportError(context.SectionKey("cluster") ?? (YamlNode)context.Root, "missing required section 'cluster'",
                "add 'cluster:' with at least 'name:' (and 'simulate: true' to try PveAgent without a Proxmox host)");
            return unknown;
        }

        if (context.ReadMapping(section, "'cluster'", Keys, anchor: context.SectionKey("cluster")) is not { } cluster)
        {
            return unknown;
        }

        var name = cluster.GetString("name", required: true, missingHint: "give the cluster a display name, e.g. name: homelab");
        var simulate = cluster.GetBool("simulate") ?? cluster.ValueOf("simulate") is not null;
        var price = cluster.GetNumber("energy_price_per_kwh", min: 0, rangeHint: "write the price of one kWh in your currency, e.g. 0.30");
        var currency = cluster.GetString("currency");
        if (currency is not null && !(currency.Length == 3 && currency.All(char.IsAsciiLetter)))
        {
            context.ReportError(cluster.ValueOf("currency")!, $"currency '{currency}' is not a 3-letter currency code",
                "write an ISO 4217 code such as EUR, USD or GBP");
            currency = null;
        }

        var custom = new List<string>();
        foreach (var item in cluster.GetStringList("custom_capabilities") ?? [])
        {
            var capability = item.Value!.Trim();
            if (Capabilities.Known.Contains(capability))
            {
                context.ReportWarning(item, $"'{capability}' in 'cluster.custom_capabilities' is already a built-in capability",
                    "remove it from custom_capabilities");
            }
            else if (custom.Contains(capability))
            {
                context.ReportWarning(item, $"custom capability '{capability}' is declared twice", "remove the repeated entry");
            }
            else
            {
                custom.Add(capability);
            }
        }

        var settings = new ClusterSettings { Name = name ?? "", Simulate = simulate, CustomCapabilities = custom };
        settings = price is { } p ? settings with { EnergyPricePerKwh = p } : settings;
        return currency is not null ? settings with { Currency = currency.ToUpperInvariant() } : settings;
    }
}
