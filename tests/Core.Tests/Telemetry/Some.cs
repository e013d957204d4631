using PveAgent.Core.Registry;

namespace PveAgent.Core.Tests.Telemetry;

/// <summary>Test data builders.</summary>
internal static class Some
{
    public static NodeConfig Node(
        string name = "brian",
        string host = "192.168.0.183",
        AcceleratorKind[]? kinds = null,
        TelemetryConfig? telemetry = null,
        ServiceConfig[]? services = null) => new()
        {
            Name = name,
            Host = host,
            Accelerators = (kinds ?? [AcceleratorKind.Nvidia])
                .Select(k => new AcceleratorConfig { Kind = k, Model = k == AcceleratorKind.Nvidia ? "RTX 3090" : "wormhole-n150" })
                .ToArray(),
            Telemetry = telemetry ?? new TelemetryConfig(),
            Services = services ?? [],
        };

    public static ServiceConfig Service(ServiceKind kind, int port, string? name = null) =>
        new() { Name = name ?? kind.ToString().ToLowerInvariant(), Kind = kind, Port = port };
}
