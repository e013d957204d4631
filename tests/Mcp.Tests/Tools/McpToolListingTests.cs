using System.Text;
using PveAgent.Guardrails;
using PveAgent.Mcp.Tools;
using Xunit.Abstractions;

namespace PveAgent.Mcp.Tests.Tools;

public sealed class McpToolListingTests(ITestOutputHelper output)
{
    /// <summary>What an MCP client puts in front of its model for this server: about 2,500 tokens at 4 characters a token.</summary>
    private const int BudgetChars = 10_000;

    [Fact]
    public void Result_EveryToolListed_FitsTheBudget()
    {
        var result = Encoding.UTF8.GetString(McpToolListing.Shared.Result(McpPolicy.Declared(GuardrailMode.ApproveWrites), "2025-11-25"));

        output.WriteLine($"tools/list with every tool: {result.Length} characters, about {result.Length / 4} tokens (budget {BudgetChars})");
        Assert.Contains("\"plan_apply\"", result, StringComparison.Ordinal);
        Assert.True(result.Length <= BudgetChars, $"tools/list with every tool is {result.Length} characters; the budget is {BudgetChars}. Shorten descriptions.");
    }

    [Fact]
    public void Result_ReadOnlyPolicy_ListsNoToolThatChangesAnything()
    {
        var result = Encoding.UTF8.GetString(McpToolListing.Shared.Result(McpPolicy.ReadOnlyFallback, "2025-11-25"));

        Assert.DoesNotContain("\"start_guest\"", result, StringComparison.Ordinal);
        Assert.DoesNotContain("\"plan_propose\"", result, StringComparison.Ordinal);
        Assert.Contains("\"plan_show\"", result, StringComparison.Ordinal);
    }
}
