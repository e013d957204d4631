using PveAgent.Core.Registry.Validation;

namespace PveAgent.Core.Registry.Binding;

/// <summary>Binds a node's <c>telemetry:</c> settings.</summary>
internal static class TelemetryBinder
{
    internal static readonly string[] Keys = ["source", "ssh_user", "url", "token_env"];

    public static TelemetryConfig? Bind(ConfigMapping telemetry, ConfigBindingContext context)
    {
        var source = TelemetrySource.Ssh;
        if (telemetry.GetString("source") is { } written)
        {
            if (!KindNames.TryParseTelemetrySource(written, out source))
            {
                context.ReportError(telemetry.ValueOf("source")!, $"unknown telemetry source '{written}' in {telemetry.Description}",
                    DidYouMean.Hint(written, KindNames.TelemetrySources, listIntro: "known sources are"));
                return null;
            }
        }

        var url = HttpUrl.Get(telemetry, "url", context, "http://192.168.0.183:9100/metrics");
        if (url is null && telemetry.ValueOf("url") is null && source is TelemetrySource.NodeAgent or TelemetrySource.Exporter)
        {
            telemetry.ReportMissing("url", $"telemetry from '{KindNames.Name(source)}' is read over HTTP: write its address, e.g. url: http://192.168.0.183:9100/metrics");
        }

        var tokenEnv = telemetry.GetString("token_env");
        if (tokenEnv is not null && !Identifiers.IsEnvironmentVariableName(tokenEnv))
        {
            context.ReportError(telemetry.ValueOf("token_env")!, $"token_env in {telemetry.Description} is not the name of an environment variable",
                "write a name made of letters, digits and '_', e.g. token_env: PVEAGENT_NODE_TOKEN");
            tokenEnv = null;
        }

        var config = new TelemetryConfig { Source = source, Url = url, TokenEnv = tokenEnv };
        return telemetry.GetString("ssh_user") is { } user ? config with { SshUser = user } : config;
    }
}
