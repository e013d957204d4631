using System.Globalization;
using System.Text;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using PveAgent.Core.Plans;
using PveAgent.Guardrails;

namespace PveAgent.Mcp.Plans;

/// <summary>
/// Asks the person, through the MCP client's elicitation dialog, to approve or reject a plan: its summary, each step's
/// verdict, and a choice. The model never sees the question and cannot answer it; only an explicit "approve" approves.
/// </summary>
internal static class PlanApprovalPrompt
{
    public const string Field = "decision";
    public const string Approve = "approve";
    public const string Reject = "reject";

    /// <summary>True when the client can show a form to the person.</summary>
    public static bool CanAsk(McpServer server) => server.ClientCapabilities?.Elicitation?.Form is not null;

    /// <summary>The text the person reads.</summary>
    public static string Message(Plan plan, ApprovalCheck check)
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"pve-agent wants to change the cluster. Plan {plan.Id}: {plan.Summary}").AppendLine();
        foreach (var step in plan.Steps)
        {
            text.Append(CultureInfo.InvariantCulture, $"Step {step.Index} ({step.Effect.ToString().ToLowerInvariant()}): {PlanViews.DecisionName(step.Verdict.Decision)}")
                .Append(" — ").AppendJoin("; ", step.Verdict.Reasons).AppendLine();
        }

        return text.Append(char.ToUpperInvariant(check.Reason[0])).Append(check.Reason.AsSpan(1)).AppendLine(".")
            .Append("Approve to apply it now, or reject to leave the cluster as it is.").ToString();
    }

    /// <summary>Puts <paramref name="plan"/> to the person; true only when they chose to approve it.</summary>
    public static async Task<bool> AskAsync(McpServer server, Plan plan, ApprovalCheck check, CancellationToken cancellationToken)
    {
        var answer = await server.ElicitAsync(new ElicitRequestParams
        {
            Message = Message(plan, check),
            RequestedSchema = new ElicitRequestParams.RequestSchema
            {
                Properties = new Dictionary<string, ElicitRequestParams.PrimitiveSchemaDefinition>
                {
                    [Field] = new ElicitRequestParams.TitledSingleSelectEnumSchema
                    {
                        Title = $"Apply plan {plan.Id}?",
                        OneOf =
                        [
                            new ElicitRequestParams.EnumSchemaOption { Const = Approve, Title = "Approve and apply now" },
                            new ElicitRequestParams.EnumSchemaOption { Const = Reject, Title = "Reject" },
                        ],
                    },
                },
                Required = [Field],
            },
        }, cancellationToken);

        return answer.IsAccepted
            && answer.Content?.TryGetValue(Field, out var decision) == true
            && decision.ValueKind == JsonValueKind.String
            && decision.GetString() == Approve;
    }
}
