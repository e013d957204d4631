using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using PveAgent.Core.Proxmox;
using PveAgent.Mcp.Plans;
using PveAgent.Mcp.Prompts;
using PveAgent.Mcp.Resources;
using PveAgent.Mcp.Tools;
using PveAgent.Plugins;
using PveAgent.Plugins.Planning;

namespace PveAgent.Mcp;

/// <summary>
/// The server's request handlers, on the SDK's low-level handler API (no reflection-based registration): tools from the
/// embedded listing, calls through a <see cref="PlanningSession"/> or the <see cref="McpPlanFlow"/>, resources and prompts.
/// Failures reach the client as tool errors in words, never as stack traces or secrets.
/// </summary>
internal sealed partial class McpHandlers : IDisposable
{
    private static readonly JsonTypeInfo<ListToolsResult> ListToolsResultType = (JsonTypeInfo<ListToolsResult>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(ListToolsResult));

    private readonly McpWorld _world;
    private readonly McpPlanFlow _plans;
    private readonly McpResources _resources;
    private readonly PromptLibrary _prompts;
    private readonly ILogger _logger;

    public McpHandlers(McpWorld world)
    {
        ArgumentNullException.ThrowIfNull(world);
        _world = world;
        _plans = new McpPlanFlow(_world);
        _resources = new McpResources(_world);
        _prompts = new PromptLibrary(world.Setup.PromptsDirectory);
        _logger = world.Setup.LoggerFactory.CreateLogger("PveAgent.Mcp");
    }

    public McpServerOptions CreateOptions() => new()
    {
        ServerInfo = new Implementation { Name = McpServerIdentity.Name, Title = McpServerIdentity.Title, Version = _world.Setup.Version },
        ServerInstructions = McpServerIdentity.Instructions,
        Capabilities = new ServerCapabilities { Tools = new(), Resources = new(), Prompts = new() },
        Handlers = new McpServerHandlers
        {
            ListToolsHandler = ListToolsAsync,
            CallToolHandler = CallToolAsync,
            ListResourcesHandler = (_, _) => ValueTask.FromResult(McpResources.List()),
            ListResourceTemplatesHandler = (_, _) => ValueTask.FromResult(McpResources.Templates()),
            ReadResourceHandler = ReadResourceAsync,
            ListPromptsHandler = (_, _) => ValueTask.FromResult(new ListPromptsResult { Prompts = _prompts.List() }),
            GetPromptHandler = (request, _) => ValueTask.FromResult(_prompts.Get(request.Params?.Name ?? "", request.Params?.Arguments?.ToDictionary(a => a.Key, a => a.Value.ToString()))),
        },
    };

    public void Dispose() => _plans.Dispose();

    private async ValueTask<ListToolsResult> ListToolsAsync(RequestContext<ListToolsRequestParams> request, CancellationToken cancellationToken)
    {
        // The same bytes the front door sends, read back into the SDK's type so both paths list exactly the same.
        var result = await _world.ListToolsAsync(request.Server.NegotiatedProtocolVersion, cancellationToken);
        return JsonSerializer.Deserialize(result, ListToolsResultType)!;
    }

    private async ValueTask<CallToolResult> CallToolAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken)
    {
        var name = request.Params?.Name ?? "";
        var arguments = ArgumentsOf(request.Params?.Arguments);
        try
        {
            return name switch
            {
                PlanTools.Show => await ShowPlanAsync(arguments, cancellationToken),
                PlanTools.List => await ListPlansAsync(arguments, cancellationToken),
                PlanTools.Propose => await WhenWritesAllowedAsync(name, () => ProposeAsync(arguments, cancellationToken), cancellationToken),
                PlanTools.Apply => await WhenWritesAllowedAsync(name, () => _plans.ApplyAsync(request, RequiredString(arguments, "id"), cancellationToken), cancellationToken),
                _ => await CallCatalogToolAsync(request, name, arguments, cancellationToken),
            };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            return Failure(name, e);
        }
    }

    private async Task<CallToolResult> CallCatalogToolAsync(RequestContext<CallToolRequestParams> request, string name, JsonElement arguments, CancellationToken cancellationToken)
    {
        if (!McpToolListing.Shared.TryFindCatalogTool(name, out var readOnly))
        {
            var near = McpToolListing.Shared.AllNames.OrderBy(n => Distance(name, n)).Take(3).ToList();
            return McpResults.Error($"Unknown tool '{name}'; tools/list names every tool.", near);
        }

        if (!readOnly)
        {
            return await WhenWritesAllowedAsync(name, () => _plans.WriteAsync(request, name, arguments, cancellationToken), cancellationToken);
        }

        var services = await _world.GetServicesAsync(cancellationToken);
        var session = new PlanningSession(services.Catalog, services.Cluster.NewToolContext());
        var invocation = await session.InvokeAsync(name, arguments, cancellationToken: cancellationToken);
        return McpResults.Text(services.Cluster.Redactor.Redact(invocation.Json.GetRawText()), isError: invocation.Kind == ToolInvocationKind.Error);
    }

    private async Task<CallToolResult> WhenWritesAllowedAsync(string name, Func<Task<CallToolResult>> call, CancellationToken cancellationToken)
    {
        var policy = await _world.GetPolicyAsync(cancellationToken);
        return policy.WhyHidden(name) is { } why ? McpResults.Error(char.ToUpperInvariant(why[0]) + why[1..] + ".") : await call();
    }

    private Task<CallToolResult> ProposeAsync(JsonElement arguments, CancellationToken cancellationToken)
    {
        var intent = RequiredString(arguments, "intent");
        if (!arguments.TryGetProperty("steps", out var steps) || steps.ValueKind != JsonValueKind.Array)
        {
            throw new ArgumentException("'steps' must be an array of {\"tool\": …, \"arguments\": {…}, \"rationale\": …}.");
        }

        var calls = new List<McpPlanFlow.PlannedCall>();
        foreach (var step in steps.EnumerateArray())
        {
            if (step.ValueKind != JsonValueKind.Object || !step.TryGetProperty("tool", out var tool) || tool.ValueKind != JsonValueKind.String)
            {
                throw new ArgumentException($"Step {calls.Count + 1} must be an object with a \"tool\" name, e.g. {{\"tool\": \"migrate_guest\", \"arguments\": {{\"guest\": \"105\", \"target\": \"pve3\"}}}}.");
            }

            calls.Add(new McpPlanFlow.PlannedCall(
                tool.GetString()!,
                step.TryGetProperty("arguments", out var args) ? args.Clone() : ToolArguments.None,
                step.TryGetProperty("rationale", out var why) && why.ValueKind == JsonValueKind.String ? why.GetString() : null));
        }

        return _plans.ProposeAsync(intent, calls, cancellationToken);
    }

    private async Task<CallToolResult> ShowPlanAsync(JsonElement arguments, CancellationToken cancellationToken)
    {
        var read = await _resources.ReadAsync(McpResources.PlanPrefix + Uri.EscapeDataString(RequiredString(arguments, "id")), cancellationToken);
        return McpResults.Text(((TextResourceContents)read.Contents[0]).Text);
    }

    private async Task<CallToolResult> ListPlansAsync(JsonElement arguments, CancellationToken cancellationToken)
    {
        var limit = arguments.TryGetProperty("limit", out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? Math.Clamp(n, 1, 200) : 20;
        var services = await _world.GetServicesAsync(cancellationToken);
        var plans = await services.Store.ListAsync(limit, cancellationToken);
        return McpResults.Json(new PlanListView([.. plans.Select(p => new PlanRow(p.Id, PlanViews.StatusName(p.Status), p.Intent, p.Created))]));
    }

    private async ValueTask<ReadResourceResult> ReadResourceAsync(RequestContext<ReadResourceRequestParams> request, CancellationToken cancellationToken)
    {
        try
        {
            return await _resources.ReadAsync(request.Params?.Uri ?? "", cancellationToken);
        }
        catch (Exception e) when (e is not (McpException or OperationCanceledException))
        {
            throw new McpException(Describe(e));
        }
    }

    private CallToolResult Failure(string tool, Exception e)
    {
        if (e is not (McpSetupException or ArgumentException or PveApiException or McpProtocolException))
        {
            LogCallFailed(tool, e);
        }

        return McpResults.Error(Describe(e));
    }

    /// <summary>What the client is told about a failure: the message of the kinds written for people, else the kind and where to look.</summary>
    private string Describe(Exception e)
    {
        var redactor = _world.Redactor;
        return e switch
        {
            McpSetupException or ArgumentException or McpProtocolException => redactor.Redact(e.Message),
            PveApiException => "The Proxmox API failed: " + redactor.Redact(e.Message),
            _ => $"pve-agent failed ({e.GetType().Name}: {redactor.Redact(e.Message)}). The server's log (stderr) has the details.",
        };
    }

    private static string RequiredString(JsonElement arguments, string name) =>
        arguments.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!
            : throw new ArgumentException($"Missing required argument '{name}' (a string).");

    /// <summary>The call's arguments as one JSON object (what the planning session checks against the tool's schema).</summary>
    private static JsonElement ArgumentsOf(IDictionary<string, JsonElement>? arguments)
    {
        if (arguments is null || arguments.Count == 0)
        {
            return ToolArguments.None;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in arguments)
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Tool {Tool} failed")]
    private partial void LogCallFailed(string tool, Exception exception);
}
