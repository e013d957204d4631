using PveAgent.Kernel.Prompts;
using PveAgent.TestSupport;

namespace PveAgent.Kernel.Tests.Prompts;

public sealed class PromptLibraryTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pveagent-prompts-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Load_TheRepositorysPlannerPrompt_HasAVersionAndOnlyThePlaceholdersThePlannerFills()
    {
        var prompt = await new PromptLibrary(SharedFiles.InRepository("prompts")).LoadAsync(PromptLibrary.Planner);

        Assert.Equal("planner@1.0", prompt.VersionTag);
        Assert.Equal(["cluster_name", "cluster"], prompt.Placeholders);
        Assert.DoesNotContain("version:", prompt.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_FillsEveryPlaceholder_AndAMissingValueIsAnError()
    {
        var prompt = PromptLibrary.Parse("p", "---\nversion: 2\n---\nCluster {{ cluster_name }}: {{cluster}}; again {{cluster_name}}.\n");

        Assert.Equal("Cluster lab: 3 nodes; again lab.", prompt.Render(new Dictionary<string, string> { ["cluster_name"] = "lab", ["cluster"] = "3 nodes" }));
        var error = Assert.Throws<InvalidOperationException>(() => prompt.Render(new Dictionary<string, string> { ["cluster"] = "x" }));
        Assert.Contains("{{cluster_name}}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Just text.", "has no header: start it with a '---' line")]
    [InlineData("---\nname: p\n---\nText.", "has no 'version:' in its header")]
    [InlineData("---\nversion: 1\n---\n   \n", "has a header but no text after it")]
    public void Parse_Malformed_SaysWhatToFix(string text, string expected)
    {
        var error = Assert.Throws<PromptException>(() => PromptLibrary.Parse("p", text, "prompts/p.md"));

        Assert.StartsWith("prompts/p.md " + expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_MissingFile_NamesThePathAndTheVariable()
    {
        var error = await Assert.ThrowsAsync<PromptException>(() => new PromptLibrary(_directory).LoadAsync("planner"));

        Assert.Contains(Path.Combine(_directory, "planner.md"), error.Message, StringComparison.Ordinal);
        Assert.Contains("PVEAGENT_PROMPTS_DIR", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_VariableFirst_ThenTheCurrentDirectoryOrAParent()
    {
        var nested = Directory.CreateDirectory(Path.Combine(_directory, "a", "b")).FullName;
        Directory.CreateDirectory(Path.Combine(_directory, "prompts"));
        File.WriteAllText(Path.Combine(_directory, "prompts", "planner.md"), "---\nversion: 1\n---\nx");

        Assert.Equal("/elsewhere", PromptLibrary.Locate(name => name == PromptLibrary.DirectoryVariable ? "/elsewhere" : null, nested)!.Directory);
        var found = PromptLibrary.Locate(_ => null, nested)!.Directory;

        // The test host's own folder has no prompts/, so the walk up from the working directory finds this one.
        Assert.Equal(Path.Combine(_directory, "prompts"), found);
    }
}
