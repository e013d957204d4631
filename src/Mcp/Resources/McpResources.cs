using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using PveAgent.Core.Plans;
using PveAgent.Core.Registry;
using PveAgent.Guardrails.Audit;
using PveAgent.Mcp.Plans;
using PveAgent.Plugins;
using PveAgent.Plugins.Planning;

namespace PveAgent.Mcp.Resources;

/// <summary>
/// The server's resources: the cluster as the read tools see it, a summary of <c>cluster.yaml</c> (never a secret: the
/// token is not in it, only where it comes from), the saved plans, one plan, and the end of the audit log.
/// </summary>
internal sealed class McpResources(McpWorld world)
{
    public const string Snapshot = "pveagent://cluster/snapshot";
    public const string Config = "pveagent://cluster/config";
    public const string Plans = "pveagent://plans";
    public const string PlanPrefix = "pveagent://plans/";
    public const string Audit = "pveagent://audit";
    private const string Json = "application/json";
    private const int AuditLines = 100;
    private static readonly JsonSerializerOptions NodeWriting = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static ListResourcesResult List() => new()
    {
        Resources =
        [
            new Resource { Uri = Snapshot, Name = "cluster-snapshot", Title = "Cluster now", Description = "Nodes, accelerators and guests, read live.", MimeType = Json },
            new Resource { Uri = Config, Name = "cluster-config", Title = "cluster.yaml summary", Description = "Nodes, hardware, services and guardrails from cluster.yaml (no secrets).", MimeType = Json },
            new Resource { Uri = Plans, Name = "plans", Title = "Saved plans", Description = "The most recent plans with their status.", MimeType = Json },
            new Resource { Uri = Audit, Name = "audit-log", Title = "Audit log", Description = $"The last {AuditLines} records of the audit log, one JSON object per line.", MimeType = "application/jsonl" },
        ],
    };

    public static ListResourceTemplatesResult Templates() => new()
    {
        ResourceTemplates =
        [
            new ResourceTemplate { UriTemplate = PlanPrefix + "{id}", Name = "plan", Title = "Plan", Description = "One saved plan: steps, verdicts, preconditions, status.", MimeType = Json },
        ],
    };

    public async Task<ReadResourceResult> ReadAsync(string uri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var (text, mime) = uri switch
        {
            Snapshot => (await SnapshotAsync(cancellationToken), Json),
            Config => (ConfigSummary(await world.GetConfigAsync(cancellationToken), await world.GetPolicyAsync(cancellationToken)), Json),
            Plans => (await PlanListAsync(cancellationToken), Json),
            Audit => (await AuditTailAsync(cancellationToken), "application/jsonl"),
            _ when uri.StartsWith(PlanPrefix, StringComparison.Ordinal) => (await PlanAsync(uri[PlanPrefix.Length..], cancellationToken), Json),
            _ => throw new McpProtocolException($"No resource {uri}; resources/list names them.", McpErrorCode.ResourceNotFound),
        };
        return new ReadResourceResult { Contents = [new TextResourceContents { Uri = uri, MimeType = mime, Text = text }] };
    }

    private async Task<string> SnapshotAsync(CancellationToken cancellationToken)
    {
        var services = await world.GetServicesAsync(cancellationToken);
        var session = new PlanningSession(services.Catalog, services.Cluster.NewToolContext());
        var status = await session.InvokeAsync("cluster_status", ToolArguments.None, cancellationToken: cancellationToken);
        var guests = await session.InvokeAsync("list_guests", ToolArguments.None, cancellationToken: cancellationToken);
        return Write(w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("cluster");
            status.Json.WriteTo(w);
            w.WritePropertyName("guests");
            guests.Json.WriteTo(w);
            w.WriteEndObject();
        });
    }

    /// <summary>The summary of <c>cluster.yaml</c>: what is there, never a secret.</summary>
    internal static string ConfigSummary(ClusterConfig config, McpPolicy policy) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("cluster", config.Cluster.Name);
        w.WriteBoolean("simulated", config.Cluster.Simulate);
        if (config.Proxmox is { } proxmox)
        {
            // Where the API is and who PveAgent is there; the token itself never leaves the host.
            w.WriteString("proxmox", $"{proxmox.User}!{proxmox.TokenName} at {proxmox.Host}:{proxmox.Port}");
        }

        w.WriteStartArray("nodes");
        foreach (var node in config.Nodes)
        {
            w.WriteStartObject();
            w.WriteString("name", node.Name);
            if (node.Type is not null)
            {
                w.WriteString("type", node.Type);
            }

            w.WriteStartArray("accelerators");
            foreach (var a in node.Accelerators)
            {
                w.WriteStringValue($"{a.Count}× {a.Kind.ToString().ToLowerInvariant()} {a.Model}{(a.VramGb is { } vram ? $" {vram:0.#} GB" : "")}");
            }

            w.WriteEndArray();
            w.WriteStartArray("capabilities");
            node.Capabilities.ToList().ForEach(w.WriteStringValue);
            w.WriteEndArray();
            w.WriteStartArray("services");
            foreach (var s in node.Services)
            {
                w.WriteStringValue($"{s.Name} ({s.Kind.ToString().ToLowerInvariant()}, port {s.Port}{(s.Guest is { } g ? $", guest {g}" : "")}): {string.Join(", ", s.Models)}");
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("guardrails");
        w.WriteString("mode", policy.ModeName);
        w.WriteBoolean("stated_in_cluster_yaml", policy.Stated);
        w.WriteBoolean("write_tools_listed", policy.AllowsWrites);
        w.WriteBoolean("unattended", policy.Policy.Unattended);
        w.WriteStartArray("protected");
        foreach (var item in policy.Policy.Protected.GuestIds.Select(id => $"guest {id}")
            .Concat(policy.Policy.Protected.GuestNames.Select(n => $"guest {n}"))
            .Concat(policy.Policy.Protected.Tags.Select(t => $"tag {t}"))
            .Concat(policy.Policy.Protected.Nodes.Select(n => $"node {n}")))
        {
            w.WriteStringValue(item);
        }

        w.WriteEndArray();
        w.WriteNumber("maintenance_windows", policy.Policy.MaintenanceWindows.Count);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    private async Task<string> PlanListAsync(CancellationToken cancellationToken)
    {
        var services = await world.GetServicesAsync(cancellationToken);
        var plans = await services.Store.ListAsync(50, cancellationToken);
        return JsonSerializer.Serialize(new PlanListView([.. plans.Select(p => new PlanRow(p.Id, PlanViews.StatusName(p.Status), p.Intent, p.Created))]), McpJsonContext.Wire.PlanListView);
    }

    private async Task<string> PlanAsync(string id, CancellationToken cancellationToken)
    {
        var services = await world.GetServicesAsync(cancellationToken);
        var lookup = await services.Store.FindAsync(Uri.UnescapeDataString(id), cancellationToken);
        if (lookup.Found is not { } stored)
        {
            throw new McpProtocolException(lookup.Problem ?? $"No plan {id}.", McpErrorCode.ResourceNotFound);
        }

        var plan = PlanJson.ToJsonObject(stored.Plan, services.Cluster.Redactor);
        plan["status"] = PlanViews.StatusName(stored.Status);
        return plan.ToJsonString(NodeWriting);
    }

    private async Task<string> AuditTailAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(world.Setup.StateDirectory, AuditLog.FileName);
        if (!File.Exists(path))
        {
            return "";
        }

        // The log is redacted as it is written; its last lines are served as they are.
        var lines = await File.ReadAllLinesAsync(path, cancellationToken);
        return string.Join('\n', lines.TakeLast(AuditLines));
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
