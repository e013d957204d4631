using System.Globalization;
using PveAgent.Core.Registry.Validation;
using YamlDotNet.RepresentationModel;

namespace PveAgent.Core.Registry.Binding;

/// <summary>Binds one entry of a node's <c>services:</c>; the key is the service's name and, unless <c>kind:</c> says otherwise, its kind.</summary>
internal static class ServiceBinder
{
    private static readonly string[] Keys = ["kind", "port", "models", "guest", "url"];

    public static BoundService? Bind(YamlScalarNode key, YamlNode value, string nodeName, ConfigBindingContext context)
    {
        var name = key.Value!;
        var description = $"service '{name}' of node '{nodeName}'";
        if (ConfigBindingContext.IsNull(value))
        {
            context.ReportError(key, $"{description} has no settings", "add at least 'port:' under it");
            return null;
        }

        if (context.ReadMapping(value, description, Keys, anchor: key) is not { } service)
        {
            return null;
        }

        var kind = BindKind(service, key, nodeName, context);
        var url = HttpUrl.Get(service, "url", context, "http://192.168.0.150:8000");
        var port = service.GetInt("port", 1, 65535, "use a TCP port from 1 to 65535",
            required: url is null && service.ValueOf("url") is null, missingHint: "write the TCP port the service listens on, e.g. port: 8000");
        if (port is { } written && url is not null && url.Port != written)
        {
            context.ReportError(service.ValueOf("port")!,
                $"port {written} in {description} does not match the port of its url ({url.Port.ToString(CultureInfo.InvariantCulture)})",
                "remove 'port' (the url's port is used) or make the two agree");
        }

        var models = new List<string>();
        foreach (var item in service.GetStringList("models") ?? [])
        {
            var model = item.Value!.Trim();
            if (models.Contains(model))
            {
                context.ReportWarning(item, $"model '{model}' is listed twice in {description}", "remove the repeated entry");
            }
            else
            {
                models.Add(model);
            }
        }

        var guest = service.GetInt("guest", 100, 999_999_999, "a guest is the VMID of the VM or container running the service (100 or more), as shown in the Proxmox UI");

        if (kind is null || (port ?? url?.Port) is not { } effectivePort)
        {
            return null;
        }

        var config = new ServiceConfig { Name = name, Kind = kind.Value, Port = effectivePort, Models = models, Guest = guest, Url = url };
        return new BoundService(config, service.ValueOf("port") ?? service.ValueOf("url") ?? key);
    }

    private static ServiceKind? BindKind(ConfigMapping service, YamlScalarNode key, string nodeName, ConfigBindingContext context)
    {
        if (service.GetString("kind") is { } written)
        {
            if (KindNames.TryParseService(written, out var explicitKind))
            {
                return explicitKind;
            }

            context.ReportError(service.ValueOf("kind")!, $"unknown service kind '{written}' in {service.Description}",
                DidYouMean.Hint(written, KindNames.Services, listIntro: "known kinds are"));
            return null;
        }

        if (KindNames.TryParseService(key.Value!, out var kind))
        {
            return kind;
        }

        var suggestion = DidYouMean.Suggest(key.Value!, KindNames.Services);
        context.ReportError(key, $"unknown service kind '{key.Value}' in node '{nodeName}': a service's name is its kind unless 'kind:' is given",
            (suggestion is null ? "" : $"did you mean '{suggestion}'? ")
            + $"to keep this name, add 'kind:' with one of {string.Join(", ", KindNames.Services)}");
        return null;
    }
}
