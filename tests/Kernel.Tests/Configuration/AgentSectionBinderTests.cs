using PveAgent.Core.Registry;
using PveAgent.Kernel.Configuration;

namespace PveAgent.Kernel.Tests.Configuration;

public sealed class AgentSectionBinderTests
{
    private const string Head = """
        cluster:
          name: lab
          simulate: true
        nodes:
          brian:
            host: 192.168.0.183

        """;

    [Fact]
    public void Load_FullSection_BindsEveryValue()
    {
        var (config, diagnostics) = Load("""
            agent:
              llm: openai
              model: Qwen/Qwen2.5-7B-Instruct
              url: http://192.168.0.183:8000/v1
              api_key_env: VLLM_API_KEY
              max_rounds: 4
              context_length: 16384
              timeout_seconds: 120
            """);

        Assert.Empty(diagnostics);
        Assert.Equal(new AgentConfig
        {
            Provider = LlmProvider.OpenAI,
            Model = "Qwen/Qwen2.5-7B-Instruct",
            Url = new Uri("http://192.168.0.183:8000/v1"),
            ApiKeyEnv = "VLLM_API_KEY",
            MaxRounds = 4,
            ContextLength = 16384,
            TimeoutSeconds = 120,
        }, config);
    }

    [Fact]
    public void Load_NoSection_StoresTheEmptyConfig()
    {
        var (config, diagnostics) = Load("");

        Assert.Empty(diagnostics);
        Assert.Same(AgentConfig.Empty, config);
    }

    [Theory]
    [InlineData("llm: chatgpt", 8, "error: unknown LLM provider 'chatgpt' in 'agent' — use ollama or openai")]
    [InlineData("url: localhost:11434", 8, "error: 'url' in 'agent' is not an http(s) URL: 'localhost:11434' — write the server's base URL")]
    [InlineData("api_key_env: $VLLM_KEY", 16, "error: 'api_key_env' in 'agent' must name an environment variable, got '$VLLM_KEY'")]
    [InlineData("api_key: sk-123", 3, "error: 'api_key' in 'agent' would keep a secret in cluster.yaml — put the key in an environment variable")]
    [InlineData("max_rounds: 50", 15, "error: ")]
    [InlineData("model:", 3, "error: 'model' in 'agent' has no value — name a tool-capable model, e.g. model: qwen2.5:7b")]
    [InlineData("modle: qwen3:8b", 3, "did you mean 'model'")]
    public void Load_BadValue_IsReportedAtItsLineWithAFix(string line, int column, string expected)
    {
        var (_, diagnostics) = Load($"agent:\n  {line}\n");

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(8, diagnostic.Line);
        Assert.Equal(column, diagnostic.Column);
        Assert.Contains(expected, diagnostic.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("sk-123", diagnostic.ToString(), StringComparison.Ordinal);
    }

    private static (AgentConfig? Config, IReadOnlyList<ConfigDiagnostic> Diagnostics) Load(string section)
    {
        var result = new ClusterConfigLoader([new AgentSectionBinder()]).Load(Head + section, "cluster.yaml");
        return (result.Config?.Sections.Get<AgentConfig>(), result.Diagnostics);
    }
}
