using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using PveAgent.Core.Plans.Json;
using PveAgent.Core.Security;

namespace PveAgent.Core.Plans;

/// <summary>
/// The JSON of plans (<c>pve-agent plan --json</c>, the plan store) and of apply reports (<c>apply --json</c>):
/// <c>{id, intent, created, fingerprint, steps: [{index, tool, arguments, effect, rationale, depends_on, verdict: {decision,
/// reasons}, description, action, compensation, preconditions}], preconditions, summary, planner, prompt_version, notes}</c>.
/// Round-trips losslessly.
/// </summary>
public static class PlanJson
{
    // Relaxed escaping: plans are read by people too, and "VM 105 ('jellyfin') → pve3" should not become \u0027 and \u2192.
    // The output is never embedded in HTML.
    private static readonly PlanJsonContext Context = new(new JsonSerializerOptions(PlanJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    private static readonly JsonSerializerOptions NodeWriting = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };

    /// <summary>The plan as indented JSON; with a <paramref name="redactor"/>, every string value in it is passed through it first.</summary>
    /// <exception cref="PlanFormatException">A step holds an action or precondition type that has no JSON name.</exception>
    public static string Serialize(Plan plan, SecretRedactor? redactor = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return redactor is null
            ? Guard(() => JsonSerializer.Serialize(ToDocument(plan), Context.PlanDocument))
            : ToJsonObject(plan, redactor).ToJsonString(NodeWriting);
    }

    /// <summary>The plan as a JSON tree (for embedding in other documents such as audit records), redacted when a <paramref name="redactor"/> is given.</summary>
    /// <exception cref="PlanFormatException">A step holds an action or precondition type that has no JSON name.</exception>
    public static JsonObject ToJsonObject(Plan plan, SecretRedactor? redactor = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var node = Guard(() => JsonSerializer.SerializeToNode(ToDocument(plan), Context.PlanDocument))!.AsObject();
        if (redactor is not null)
        {
            Redact(node, redactor);
        }

        return node;
    }

    /// <summary>Reads a plan written by <see cref="Serialize"/>.</summary>
    /// <exception cref="PlanFormatException">The text is not a plan; the message names the JSON path and the problem.</exception>
    public static Plan Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        PlanDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, Context.PlanDocument);
        }
        catch (JsonException exception)
        {
            throw new PlanFormatException($"The plan is not valid: {Describe(exception)}", exception);
        }

        return FromDocument(document ?? throw new PlanFormatException("The plan is not valid: the JSON is 'null', expected an object."));
    }

    /// <summary>The apply report as indented JSON: <c>{plan_id, status, steps: [{index, status, upid, error, …}], summary, compensations, …}</c>.</summary>
    public static string SerializeReport(ApplyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(report, Context.ApplyReport);
    }

    /// <summary>Reads a report written by <see cref="SerializeReport"/>.</summary>
    /// <exception cref="PlanFormatException">The text is not an apply report.</exception>
    public static ApplyReport DeserializeReport(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize(json, Context.ApplyReport)
                ?? throw new PlanFormatException("The apply report is not valid: the JSON is 'null', expected an object.");
        }
        catch (JsonException exception)
        {
            throw new PlanFormatException($"The apply report is not valid: {Describe(exception)}", exception);
        }
    }

    /// <summary>The JSON name of an action's kind (<c>guest.migrate</c>), or null for an action type the plan format does not know.</summary>
    public static string? ActionName(ClusterAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            var element = JsonSerializer.SerializeToElement(action, Context.ClusterAction);
            return element.TryGetProperty("action", out var name) ? name.GetString() : null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Replaces every string value in <paramref name="node"/> (not the property names) by its redacted form, in place.</summary>
    public static void Redact(JsonNode? node, SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(redactor);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    if (child is JsonValue value && value.GetValueKind() == JsonValueKind.String)
                    {
                        obj[key] = redactor.Redact(value.GetValue<string>());
                    }
                    else
                    {
                        Redact(child, redactor);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue value && value.GetValueKind() == JsonValueKind.String)
                    {
                        array[i] = redactor.Redact(value.GetValue<string>());
                    }
                    else
                    {
                        Redact(array[i], redactor);
                    }
                }

                break;
        }
    }

    private static T Guard<T>(Func<T> serialize)
    {
        try
        {
            return serialize();
        }
        catch (NotSupportedException exception)
        {
            throw new PlanFormatException($"The plan cannot be written as JSON: {exception.Message}", exception);
        }
    }

    private static PlanDocument ToDocument(Plan plan) => new()
    {
        Id = plan.Id,
        Intent = plan.Intent,
        Created = plan.CreatedAt,
        Fingerprint = plan.Fingerprint,
        Steps = [.. plan.Steps.Select(s => new PlanStepDocument
        {
            Index = s.Index,
            Tool = s.Tool,
            Arguments = s.Arguments.ValueKind == JsonValueKind.Undefined ? EmptyObject() : s.Arguments,
            Effect = s.Effect,
            Rationale = s.Rationale,
            DependsOn = s.DependsOn,
            Verdict = s.Verdict,
            Description = s.Action.Describe(),
            Action = s.Action,
            Compensation = s.Compensation,
            Preconditions = s.Preconditions,
        })],
        Preconditions = plan.Preconditions,
        Summary = plan.Summary,
        Planner = plan.Planner,
        PromptVersion = plan.PromptVersion,
        Notes = plan.Notes,
    };

    private static Plan FromDocument(PlanDocument document) => new()
    {
        Id = document.Id,
        Intent = document.Intent,
        CreatedAt = document.Created,
        Fingerprint = document.Fingerprint,
        Steps = [.. document.Steps.Select(s => new PlanStep
        {
            Index = s.Index,
            Tool = s.Tool,
            Arguments = s.Arguments,
            Action = s.Action,
            Rationale = s.Rationale,
            DependsOn = s.DependsOn,
            Compensation = s.Compensation,
            Preconditions = s.Preconditions,
            Verdict = s.Verdict ?? PolicyVerdict.Pending,
        })],
        Preconditions = document.Preconditions,
        Summary = document.Summary,
        Planner = document.Planner,
        PromptVersion = document.PromptVersion,
        Notes = document.Notes,
    };

    private static JsonElement EmptyObject()
    {
        using var empty = JsonDocument.Parse("{}");
        return empty.RootElement.Clone();
    }

    private static string Describe(JsonException exception) =>
        exception.Path is { Length: > 0 } path && !exception.Message.Contains(path, StringComparison.Ordinal)
            ? $"{exception.Message} (at {path})"
            : exception.Message;
}
