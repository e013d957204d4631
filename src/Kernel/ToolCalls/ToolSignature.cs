using System.Text.Json;
using Microsoft.Extensions.AI;

namespace PveAgent.Kernel.ToolCalls;

/// <summary>A tool as the repairer sees it: its name and the JSON schema of its arguments object.</summary>
/// <param name="Name">The exact tool name the model must use.</param>
/// <param name="ParametersSchema">JSON schema of the arguments object (<c>type</c>, <c>properties</c>, <c>required</c> …).</param>
public sealed record ToolSignature(string Name, JsonElement ParametersSchema)
{
    /// <summary>Takes the name and <see cref="AIFunctionDeclaration.JsonSchema"/> of a function declaration.</summary>
    public static ToolSignature FromFunction(AIFunctionDeclaration function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return new ToolSignature(function.Name, function.JsonSchema);
    }
}
