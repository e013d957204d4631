using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using PveAgent.Core.Plans;
using PveAgent.TestSupport;
using Xunit.Abstractions;

namespace PveAgent.Plugins.Tests;

public sealed partial class ToolCatalogTests(ITestOutputHelper output)
{
    /// <summary>
    /// Arguments whose name says what they take, given the planner prompt and the MCP instructions ("a guest is given by
    /// id or name; a node by name"): they go without a description, which every request would otherwise carry.
    /// </summary>
    private static readonly string[] SelfExplanatory = ["guest", "node", "source", "name", "vmid", "hostname", "cores", "storage", "start", "description", "failed", "upid", "model"];

    /// <summary>Sent with every LLM request: about 2,500 tokens at 4 characters a token.</summary>
    private const int CatalogBudgetChars = 10_000;

    [Theory]
    [InlineData("proxmox")]
    [InlineData("gpu")]
    [InlineData("tenstorrent")]
    [InlineData("router")]
    public void Tools_OfEachPlugin_MatchTheApprovedPublicContract(string plugin)
    {
        var tools = ToolCatalog.Default.Tools.Where(t => t.Plugin == plugin).ToList();

        Assert.NotEmpty(tools);
        ApprovedFile.Verify(Contract(tools), $"tests/Plugins.Tests/Approved/{plugin}.approved.json");
    }

    [Fact]
    public void Catalog_NameDescriptionAndSchemaOfAllTools_FitTheLlmBudget()
    {
        var chars = ToolCatalog.Default.Tools.Sum(t => LlmFacing(t).Length);

        output.WriteLine($"catalog: {ToolCatalog.Default.Tools.Count} tools, {chars} characters, about {chars / 4} tokens (budget {CatalogBudgetChars} characters)");
        Assert.True(chars <= CatalogBudgetChars, $"The tool catalog sent with every LLM request is {chars} characters; the budget is {CatalogBudgetChars}. Shorten descriptions.");
    }

    [Fact]
    public void Catalog_HasTheAgreedNumberOfTools_WithUniqueSnakeCaseNames()
    {
        var names = ToolCatalog.Default.Tools.Select(t => t.Name).ToList();

        Assert.InRange(names.Count, 25, 30);
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, n => Assert.Matches(SnakeCase(), n));
    }

    [Fact]
    public void Catalog_EveryArgument_HasAType_AndADescriptionUnlessItsNameSaysItAll()
    {
        foreach (var tool in ToolCatalog.Default.Tools)
        {
            foreach (var property in tool.Schema.GetProperty("properties").EnumerateObject())
            {
                Assert.True(
                    (property.Value.TryGetProperty("description", out var description) && description.GetString()!.Length > 3) || SelfExplanatory.Contains(property.Name),
                    $"{tool.Name}.{property.Name} has no description");
                Assert.True(property.Value.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String, $"{tool.Name}.{property.Name} has no single type");
            }
        }
    }

    [Fact]
    public void Catalog_OptionalArguments_AreNotRequiredAndCarryNoNullDefault()
    {
        var migrate = ToolCatalog.Default.Find("migrate_guest")!.Schema;

        Assert.Equal(["guest"], migrate.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        Assert.False(migrate.GetProperty("properties").GetProperty("target").TryGetProperty("default", out _));
        Assert.Equal("string", migrate.GetProperty("properties").GetProperty("target").GetProperty("type").GetString());
    }

    [Fact]
    public void Catalog_ReadToolsAreIdempotent_AndOnlyRunTaskReachesTheOpenWorld()
    {
        var tools = ToolCatalog.Default.Tools;

        Assert.All(tools.Where(t => t.Effect == ToolEffect.Read), t => Assert.True(t.Idempotent, t.Name));
        Assert.Equal(["run_task"], tools.Where(t => t.OpenWorld).Select(t => t.Name));
        Assert.Equal(["reboot_guest", "rollback_snapshot"], tools.Where(t => t.Effect is ToolEffect.Disruptive or ToolEffect.Destructive && !t.Idempotent).Select(t => t.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Catalog_FunctionsAndDescriptors_AreTheSameToolsInTheSameOrder()
    {
        var catalog = ToolCatalog.Default;

        Assert.Equal(catalog.Tools.Select(t => t.Name), catalog.Functions.Select(f => f.Name));
        Assert.All(catalog.Tools, t => Assert.Same(catalog.FindFunction(t.Name), catalog.Functions[catalog.Tools.ToList().IndexOf(t)]));
        Assert.Null(catalog.Find("Migrate_Guest"));
    }

    [Fact]
    public async Task Function_InvokedWithoutAContext_SaysHowToInvokeIt()
    {
        var function = ToolCatalog.Default.FindFunction("cluster_status")!;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => function.InvokeAsync(new()).AsTask());

        Assert.Contains("PlanningSession", error.Message, StringComparison.Ordinal);
    }

    /// <summary>What the LLM receives per tool: name, description and parameter schema, compact.</summary>
    private static string LlmFacing(ToolDescriptor tool) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("name", tool.Name);
        writer.WriteString("description", tool.Description);
        writer.WritePropertyName("parameters");
        tool.Schema.WriteTo(writer);
        writer.WriteEndObject();
    }, indented: false);

    private static string Contract(IEnumerable<ToolDescriptor> tools) => Write(writer =>
    {
        writer.WriteStartArray();
        foreach (var tool in tools)
        {
            writer.WriteStartObject();
            writer.WriteString("name", tool.Name);
            writer.WriteString("title", tool.Title);
            writer.WriteString("description", tool.Description);
            writer.WriteString("effect", tool.Effect.ToString());
            writer.WriteBoolean("idempotent", tool.Idempotent);
            writer.WriteBoolean("open_world", tool.OpenWorld);
            writer.WritePropertyName("schema");
            tool.Schema.WriteTo(writer);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }, indented: true) + "\n";

    private static string Write(Action<Utf8JsonWriter> write, bool indented)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [GeneratedRegex("^[a-z]+(_[a-z]+)*$")]
    private static partial Regex SnakeCase();
}
