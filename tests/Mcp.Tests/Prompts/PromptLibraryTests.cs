using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace PveAgent.Mcp.Tests.Prompts;

public sealed class PromptLibraryTests : IDisposable
{
    private readonly string _prompts = Directory.CreateTempSubdirectory("pveagent-prompts-").FullName;

    public PromptLibraryTests()
    {
        File.WriteAllText(Path.Combine(_prompts, "free-gpus.md"), "# Free GPUs on a node\n\nMove what runs on {{node}} elsewhere so its GPUs are free for {{purpose}}.\n");
        File.WriteAllText(Path.Combine(_prompts, "status.md"), "Summarise the cluster: nodes, warm models, anything unusual.\n");
        File.WriteAllText(Path.Combine(_prompts, "notes.txt"), "not a prompt");
    }

    public void Dispose() => Directory.Delete(_prompts, recursive: true);

    [Fact]
    public async Task ListPrompts_OnePerMarkdownFileWithItsFirstLineAndPlaceholdersAsArguments()
    {
        await using var mcp = await McpHarness.StartAsync(prompts: _prompts);

        var prompts = await mcp.Client.ListPromptsAsync();

        Assert.Equal(["free-gpus", "status"], prompts.Select(p => p.Name));
        var free = prompts[0].ProtocolPrompt;
        Assert.Equal("Free GPUs on a node", free.Description);
        Assert.Equal([("node", true), ("purpose", true)], free.Arguments!.Select(a => (a.Name, a.Required == true)));
        Assert.Null(prompts[1].ProtocolPrompt.Arguments);
    }

    [Fact]
    public async Task GetPrompt_FillsTheArgumentsIn()
    {
        await using var mcp = await McpHarness.StartAsync(prompts: _prompts);

        var prompt = await mcp.Client.GetPromptAsync("free-gpus", new Dictionary<string, object?> { ["node"] = "brian", ["purpose"] = "training" });

        var message = Assert.Single(prompt.Messages);
        Assert.Equal(Role.User, message.Role);
        Assert.Contains("Move what runs on brian elsewhere so its GPUs are free for training.", Assert.IsType<TextContentBlock>(message.Content).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPrompt_MissingArgument_IsAProtocolErrorNamingIt()
    {
        await using var mcp = await McpHarness.StartAsync(prompts: _prompts);

        var error = await Assert.ThrowsAsync<McpProtocolException>(() => mcp.Client.GetPromptAsync("free-gpus", new Dictionary<string, object?> { ["node"] = "brian" }).AsTask());

        Assert.Contains("purpose", error.Message, StringComparison.Ordinal);
    }
}
