using System.Globalization;
using System.Text;
using PveAgent.Kernel.Planning;
using PveAgent.Kernel.Tests.Fakes;
using Xunit.Abstractions;

namespace PveAgent.Kernel.Tests.Agent;

/// <summary>
/// What the planning loop costs, measured on what was actually sent (for bench/RESULTS.md): the tool catalog as it goes
/// over the wire in every request, the system prompt for the sample lab, and the round trips per scripted intent.
/// Targets: catalog ≤ 2,500 tokens (≈ 4 characters each); ≤ 3 round trips for a single-action intent.
/// </summary>
public sealed class PlanningCostTests(ITestOutputHelper output)
{
    private const int CatalogBudgetTokens = 2500;

    [Fact]
    public async Task CatalogAsSent_FitsTheTokenBudget_OnBothWireFormats()
    {
        await using var ollama = await OllamaAgent.StartAsync();
        await ollama.PlanAsync("status", OllamaTurns.Text("ok"));
        await using var openai = await OpenAIAgent.StartAsync();
        openai.Turns(OpenAITurns.Text("ok"));
        await openai.PlanAsync("status");

        var ollamaTools = ollama.Requests[0].GetProperty("tools").GetRawText().Length;
        var openaiTools = openai.Requests[0].GetProperty("tools").GetRawText().Length;
        var system = ollama.Messages(0)[0].GetProperty("content").GetString()!.Length;
        var request = ollama.Server.Server.Requests[0].Body.Length;
        output.WriteLine("| sent with every request | characters | ≈ tokens (chars/4) |");
        output.WriteLine("|---|---:|---:|");
        output.WriteLine(Row("tool catalog, Ollama `tools` (27 tools)", ollamaTools));
        output.WriteLine(Row("tool catalog, OpenAI-compatible `tools`", openaiTools));
        output.WriteLine(Row("system prompt (planner@1.0 + sample lab summary)", system));
        output.WriteLine(Row("whole first request body (Ollama)", request));

        Assert.True(ollamaTools / 4 <= CatalogBudgetTokens, $"Ollama tools: {ollamaTools} characters");
        Assert.True(openaiTools / 4 <= CatalogBudgetTokens, $"OpenAI tools: {openaiTools} characters");
    }

    [Fact]
    public async Task RoundTrips_PerScriptedIntent_SingleActionsTakeAtMostThree()
    {
        var table = new StringBuilder("| intent | steps | reads | LLM round trips |\n|---|---:|---:|---:|\n");
        foreach (var scripted in ScriptedIntents.All)
        {
            await using var agent = await OllamaAgent.StartAsync();
            var result = await agent.PlanAsync(scripted.Intent, scripted.Replies);

            Assert.True(result.Outcome is PlanningOutcome.Plan or PlanningOutcome.Answer, $"{scripted.Intent}: {result.Outcome} {result.Text}");
            Assert.Equal(scripted.Steps, result.Plan?.Steps.Count ?? 0);
            Assert.Equal(scripted.Replies.Length, result.LlmRoundTrips);
            if (scripted.Steps == 1)
            {
                Assert.True(result.LlmRoundTrips <= 3, $"{scripted.Intent}: {result.LlmRoundTrips} round trips");
            }

            table.Append(CultureInfo.InvariantCulture, $"| {scripted.Intent} | {scripted.Steps} | {result.Data.Count} | {result.LlmRoundTrips} |\n");
        }

        output.WriteLine(table.ToString());
    }

    private static string Row(string what, int chars) =>
        string.Create(CultureInfo.InvariantCulture, $"| {what} | {chars:N0} | {chars / 4:N0} |");
}
