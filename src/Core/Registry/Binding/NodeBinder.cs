using PveAgent.Core.Registry.Validation;
using YamlDotNet.RepresentationModel;

namespace PveAgent.Core.Registry.Binding;

/// <summary>Binds one entry of <c>nodes:</c> into a <see cref="NodeConfig"/>.</summary>
internal static class NodeBinder
{
    private static readonly string[] Keys =
        ["host", "type", "accelerators", "capabilities", "services", "storage", "power", "wake_on_lan", "telemetry"];

    public static NodeConfig? Bind(YamlScalarNode key, YamlNode value, IReadOnlyList<string> nodeNames, ClusterSettings settings, ConfigBindingContext context)
    {
        var name = key.Value!;
        if (!Identifiers.IsNodeName(name))
        {
            context.ReportError(key, $"'{name}' is not a valid Proxmox node name",
                "a node name is one hostname label (letters, digits and '-'), as listed by `pvecm nodes`");
        }

        if (ConfigBindingContext.IsNull(value))
        {
            context.ReportError(key, $"node '{name}' has no settings", "add at least 'host:' with the node's address under it");
            return null;
        }

        if (context.ReadMapping(value, $"node '{name}'", Keys, anchor: key) is not { } node)
        {
            return null;
        }

        var host = node.GetString("host", required: true, missingHint: "write the address PveAgent uses to reach the node, e.g. host: 192.168.0.183");
        if (host is not null && HostAddress.Problem(host) is { } problem)
        {
            context.ReportError(node.ValueOf("host")!, $"host '{host}' of node '{name}' is neither an IP address nor a hostname: {problem}",
                "write the node's IPv4 address (e.g. 192.168.0.150), an IPv6 address, or its DNS name");
            host = null;
        }

        var accelerators = new List<AcceleratorConfig>();
        var acceleratorItems = node.GetSequence("accelerators") ?? [];
        for (var i = 0; i < acceleratorItems.Count; i++)
        {
            if (AcceleratorBinder.Bind(acceleratorItems[i], $"accelerator {i + 1} of node '{name}'", context) is { } accelerator)
            {
                accelerators.Add(accelerator);
            }
        }

        var storage = new List<StorageConfig>();
        var storageItems = node.GetSequence("storage") ?? [];
        for (var i = 0; i < storageItems.Count; i++)
        {
            if (StorageBinder.Bind(storageItems[i], $"storage {i + 1} of node '{name}'", context) is { } item)
            {
                storage.Add(item);
            }
        }

        var capabilities = BindCapabilities(node, name, settings, context);
        var services = BindServices(node, name, host, context);
        var power = node.GetMapping("power", $"'power' of node '{name}'", PowerBinder.Keys) is { } p ? PowerBinder.Bind(p, name, context) : null;
        var wake = node.GetMapping("wake_on_lan", $"'wake_on_lan' of node '{name}'", WakeOnLanBinder.Keys) is { } w
            ? WakeOnLanBinder.Bind(w, name, nodeNames, context)
            : null;
        var telemetry = node.GetMapping("telemetry", $"'telemetry' of node '{name}'", TelemetryBinder.Keys) is { } t
            ? TelemetryBinder.Bind(t, context)
            : new TelemetryConfig();

        return host is null
            ? null
            : new NodeConfig
            {
                Name = name,
                Host = host,
                Type = node.GetString("type"),
                Accelerators = accelerators,
                Capabilities = capabilities,
                Services = services,
                Storage = storage,
                Power = power,
                WakeOnLan = wake,
                Telemetry = telemetry ?? new TelemetryConfig(),
            };
    }

    private static List<string> BindCapabilities(ConfigMapping node, string name, ClusterSettings settings, ConfigBindingContext context)
    {
        var allowed = Capabilities.Known.Concat(settings.CustomCapabilities).ToList();
        var capabilities = new List<string>();
        foreach (var item in node.GetStringList("capabilities") ?? [])
        {
            var capability = item.Value!.Trim();
            if (!allowed.Contains(capability))
            {
                var suggestion = DidYouMean.Suggest(capability, allowed);
                context.ReportError(item, $"unknown capability '{capability}' in node '{name}'",
                    (suggestion is null ? "" : $"did you mean '{suggestion}'? ")
                    + $"a capability of your own must first be declared in cluster.custom_capabilities (known: {string.Join(", ", allowed)})");
            }
            else if (capabilities.Contains(capability))
            {
                context.ReportWarning(item, $"capability '{capability}' is listed twice in node '{name}'", "remove the repeated entry");
            }
            else
            {
                capabilities.Add(capability);
            }
        }

        return capabilities;
    }

    private static List<ServiceConfig> BindServices(ConfigMapping node, string name, string? host, ConfigBindingContext context)
    {
        if (node.GetMapping("services", $"'services' of node '{name}'", knownKeys: null) is not { } mapping)
        {
            return [];
        }

        var bound = new List<BoundService>();
        foreach (var (key, value) in mapping.Entries)
        {
            if (ServiceBinder.Bind(key, value, name, context) is not { } service)
            {
                continue;
            }

            // Services in different guests may share a port when each has its own url; otherwise they meet at host:port.
            var endpoint = Endpoint(service.Config, host);
            if (bound.FirstOrDefault(b => Endpoint(b.Config, host) == endpoint) is { } clash)
            {
                context.ReportError(service.EndpointAt,
                    $"services '{clash.Config.Name}' and '{service.Config.Name}' on node '{name}' both use port {service.Config.Port}",
                    "give each service its own port, or an explicit 'url' when they run in guests with their own addresses");
            }

            bound.Add(service);
        }

        return [.. bound.Select(b => b.Config)];
    }

    private static string Endpoint(ServiceConfig service, string? host) =>
        service.Url is { } url ? $"{url.Host.ToLowerInvariant()}:{url.Port}" : $"{host?.ToLowerInvariant()}:{service.Port}";
}
