using PveAgent.Kernel.Configuration;

namespace PveAgent.Kernel.Tests.Configuration;

public sealed class AgentSettingsResolverTests
{
    private static readonly AgentConfig OllamaFile = new()
    {
        Provider = LlmProvider.Ollama,
        Model = "qwen3:8b",
        Url = new Uri("http://192.168.0.183:11434"),
    };

    [Fact]
    public void Resolve_Nothing_IsOllamaOnLocalhostWithTheDocumentedModelAndALargerContext()
    {
        var settings = Resolve(null, null).Settings!;

        Assert.Equal(LlmProvider.Ollama, settings.Provider);
        Assert.Equal(new Uri("http://localhost:11434"), settings.Endpoint);
        Assert.Equal("qwen2.5:7b", settings.Model);
        Assert.Equal(8192, settings.ContextLength);
        Assert.Equal(6, settings.MaxRounds);
        Assert.Equal(["llm: default", "url: default", "model: default"], settings.Sources);
    }

    [Fact]
    public void Resolve_FileOnly_TakesTheFile()
    {
        var settings = Resolve(OllamaFile, null).Settings!;

        Assert.Equal("qwen3:8b", settings.Model);
        Assert.Equal(new Uri("http://192.168.0.183:11434"), settings.Endpoint);
        Assert.Equal(["llm: cluster.yaml", "url: cluster.yaml", "model: cluster.yaml"], settings.Sources);
    }

    [Fact]
    public void Resolve_EnvironmentOverFile_FlagsOverEnvironment()
    {
        var environment = new Dictionary<string, string>
        {
            ["PVEAGENT_LLM_MODEL"] = "llama3.1:8b",
            ["PVEAGENT_LLM_URL"] = "http://10.0.0.5:11434",
        };

        var settings = Resolve(OllamaFile, new AgentOverrides(Model: "mistral-nemo"), environment).Settings!;

        Assert.Equal("mistral-nemo", settings.Model);
        Assert.Equal(new Uri("http://10.0.0.5:11434"), settings.Endpoint);
        Assert.Equal(["llm: cluster.yaml", "url: PVEAGENT_LLM_URL", "model: --llm-model"], settings.Sources);
    }

    [Fact]
    public void Resolve_FlagSwitchesProvider_TheFilesOllamaUrlAndModelAreNotCarriedOver()
    {
        var resolution = Resolve(OllamaFile, new AgentOverrides(Provider: "vllm"));

        Assert.False(resolution.Succeeded);
        var problem = Assert.Single(resolution.Problems);
        Assert.StartsWith("No model named for the OpenAI-compatible server at http://localhost:8000/v1: give the id it serves with --llm-model NAME", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_OpenAIWithKeyVariable_ReadsTheKey_AndNeverShowsIt()
    {
        var file = new AgentConfig { Provider = LlmProvider.OpenAI, Model = "Qwen/Qwen2.5-7B-Instruct", ApiKeyEnv = "VLLM_API_KEY" };

        var settings = Resolve(file, null, new Dictionary<string, string> { ["VLLM_API_KEY"] = "sk-very-secret" }).Settings!;

        Assert.Equal("sk-very-secret", settings.ApiKey);
        Assert.Null(settings.ContextLength);
        Assert.Equal("openai Qwen/Qwen2.5-7B-Instruct at http://localhost:8000/v1 (API key from $VLLM_API_KEY)", settings.ToString());
    }

    [Fact]
    public void Resolve_KeyVariableNamedButUnset_SaysWhichVariable()
    {
        var file = new AgentConfig { Provider = LlmProvider.OpenAI, Model = "m", ApiKeyEnv = "VLLM_API_KEY" };

        var problem = Assert.Single(Resolve(file, null).Problems);

        Assert.StartsWith("'api_key_env' in cluster.yaml names VLLM_API_KEY, but that environment variable is not set", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_BadFlags_EachIsReportedWithItsSource()
    {
        var resolution = Resolve(null, new AgentOverrides("gpt", "localhost:11434"));

        Assert.Equal(
        [
            "--llm-provider 'gpt' is not an LLM provider: use ollama or openai (openai: any OpenAI-compatible server — vLLM, llama.cpp, LM Studio).",
            "--llm-url 'localhost:11434' is not an http(s) URL: give the server's base URL, e.g. http://localhost:11434 (Ollama) or http://localhost:8000/v1 (vLLM).",
        ], resolution.Problems);
    }

    private static AgentSettingsResolution Resolve(AgentConfig? file, AgentOverrides? flags, Dictionary<string, string>? environment = null) =>
        AgentSettingsResolver.Resolve(file, flags, name => environment?.GetValueOrDefault(name));
}
