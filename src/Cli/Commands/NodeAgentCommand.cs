using System.CommandLine;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PveAgent.Core.Telemetry;

namespace PveAgent.Cli.Commands;

/// <summary>
/// <c>pve-agent node-agent</c>: PveAgent's small telemetry daemon for a Proxmox node. It runs nvidia-smi / tt-smi
/// locally and serves their output over HTTP to PveAgent (telemetry source <c>node-agent</c>), behind a bearer token.
/// </summary>
internal sealed class NodeAgentCommand(CliEnvironment environment)
{
    public Command Build()
    {
        var listen = new Option<string>("--listen") { Description = "Address and port to listen on", DefaultValueFactory = _ => "0.0.0.0:9100", HelpName = "ip:port" };
        var tokenEnv = new Option<string>("--token-env") { Description = "Environment variable holding the bearer token (at least 16 characters)", DefaultValueFactory = _ => "PVEAGENT_NODE_TOKEN", HelpName = "VAR" };
        var nvidiaSmi = new Option<string>("--nvidia-smi") { Description = "nvidia-smi executable", DefaultValueFactory = _ => "nvidia-smi", HelpName = "path" };
        var ttSmi = new Option<string>("--tt-smi") { Description = "tt-smi executable", DefaultValueFactory = _ => "tt-smi", HelpName = "path" };
        var command = new Command("node-agent", "Serve this node's GPU / Tenstorrent telemetry over HTTP for PveAgent (telemetry: {source: node-agent})") { listen, tokenEnv, nvidiaSmi, ttSmi };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(listen)!, parse.GetValue(tokenEnv)!, parse.GetValue(nvidiaSmi)!, parse.GetValue(ttSmi)!, ct));
        return command;
    }

    private async Task<int> RunAsync(string listen, string tokenEnv, string nvidiaSmi, string ttSmi, CancellationToken cancellationToken)
    {
        if (!IPEndPoint.TryParse(listen, out var endpoint) || endpoint.Port == 0 && !listen.EndsWith(":0", StringComparison.Ordinal))
        {
            throw new UserFacingException($"--listen '{listen}' is not an address and port", "write it as ip:port, e.g. 0.0.0.0:9100 or 10.0.0.5:9100", ExitCodes.Usage);
        }

        var token = environment.GetEnvironmentVariable(tokenEnv);
        if (string.IsNullOrWhiteSpace(token) || token.Length < NodeAgentOptions.MinimumTokenLength)
        {
            throw new UserFacingException(
                $"the node agent needs a bearer token of at least {NodeAgentOptions.MinimumTokenLength} characters in ${tokenEnv}",
                $"export {tokenEnv}=$(openssl rand -hex 24), and put the same value in the variable named by telemetry.token_env on the PveAgent side",
                ExitCodes.Usage);
        }

        var handler = new NodeAgentRequestHandler(
            new SystemProcessRunner(environment.Clock),
            new NodeAgentOptions { Token = token, NvidiaSmiExecutable = nvidiaSmi, TtSmiExecutable = ttSmi });

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton<ILoggerFactory>(Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(endpoint, options => options.Protocols = HttpProtocols.Http1);
        });
        await using var app = builder.Build();
        app.Run(async context =>
        {
            var response = await handler.HandleAsync(context.Request.Method, context.Request.Path.Value ?? "/", context.Request.Headers.Authorization, context.RequestAborted);
            context.Response.StatusCode = response.StatusCode;
            context.Response.ContentType = response.ContentType;
            if (response.WwwAuthenticate is { } scheme)
            {
                context.Response.Headers.WWWAuthenticate = scheme;
            }

            await context.Response.WriteAsync(response.Body, context.RequestAborted);
        });

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException ex)
        {
            throw new UserFacingException($"cannot listen on {listen}: {ex.Message}", "choose another port with --listen, or stop what uses it");
        }

        await environment.Out.WriteLineAsync($"node agent listening on http://{endpoint} (GET {NodeAgentProtocol.NvidiaSmiPath}, {NodeAgentProtocol.TtSmiPath}, {NodeAgentProtocol.HealthPath}); Ctrl+C stops it");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await environment.Out.WriteLineAsync("node agent stopped");
        }

        await app.StopAsync(CancellationToken.None);
        return ExitCodes.Success;
    }
}
