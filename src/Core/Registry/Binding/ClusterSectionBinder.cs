using YamlDotNet.RepresentationModel;

namespace PveAgent.Core.Registry.Binding;

/// <summary>Binds <c>cluster:</c> into <see cref="ClusterSettings"/> (its <c>proxmox:</c> child is left to <see cref="ProxmoxSectionBinder"/>).</summary>
internal sealed class ClusterSectionBinder : IConfigSectionBinder
{
    internal static readonly string[] Keys = ["name", "simulate", "energy_price_per_kwh", "currency", "custom_capabilities", "proxmox"];

    public string SectionName => "cluster";

    public void Bind(YamlNode? section, ConfigBindingContext context)
    {
        // Later binders read simulate and custom_capabilities, so something is always stored, even for a broken section.
        var settings = BindSettings(section, context) ?? new ClusterSettings { Name = "" };
        context.SetSection(settings);
    }

    private static ClusterSettings? BindSettings(YamlNode? section, ConfigBindingContext context)
    {
        if (section is null || ConfigBindingContext.IsNull(section))
        {
            context.ReportError(context.SectionKey("cluster") ?? (YamlNode)context.Root, "missing required section 'cluster'",
                "add 'cluster:' with at least 'name:' (and 'simulate: true' to try PveAgent without a Proxmox host)");
            return null;
        }

        if (context.ReadMapping(section, "'cluster'", Keys, anchor: context.SectionKey("cluster")) is not { } cluster)
        {
            return null;
        }

        var name = cluster.GetString("name", required: true, missingHint: "give the cluster a display name, e.g. name: homelab");
        var simulate = cluster.GetBool("simulate") ?? false;
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

        if (name is null)
        {
            return null;
        }

        var settings = new ClusterSettings { Name = name, Simulate = simulate, CustomCapabilities = custom };
        settings = price is { } p ? settings with { EnergyPricePerKwh = p } : settings;
        return currency is not null ? settings with { Currency = currency.ToUpperInvariant() } : settings;
    }
}
