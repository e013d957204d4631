using System.Text.RegularExpressions;
using PveAgent.Core.Registry;
using YamlDotNet.RepresentationModel;

namespace PveAgent.Kernel.Configuration;

/// <summary>
/// Binds the optional <c>agent:</c> section of cluster.yaml (read it back with <c>config.Sections.Get&lt;AgentConfig&gt;()</c>;
/// <see cref="AgentConfig.Empty"/> is stored when the section is absent). Every problem is reported with file, line and a fix.
/// </summary>
/// <example>
/// <code>
/// agent:
///   llm: ollama              # or openai (vLLM, llama.cpp, LM Studio)
///   model: qwen2.5:7b
///   url: http://localhost:11434
///   api_key_env: VLLM_API_KEY
/// </code>
/// </example>
public sealed partial class AgentSectionBinder : IConfigSectionBinder
{
    private static readonly string[] Keys = ["llm", "model", "url", "api_key_env", "max_rounds", "context_length", "timeout_seconds", "api_key"];

    /// <inheritdoc />
    public string SectionName => "agent";

    /// <inheritdoc />
    public void Bind(YamlNode? section, ConfigBindingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (section is null || ConfigBindingContext.IsNull(section))
        {
            context.SetSection(AgentConfig.Empty);
            return;
        }

        if (context.ReadMapping(section, "'agent'", Keys, context.SectionKey(SectionName)) is not { } agent)
        {
            return;
        }

        if (agent.KeyOf("api_key") is { } secret)
        {
            context.ReportError(secret, "'api_key' in 'agent' would keep a secret in cluster.yaml",
                "put the key in an environment variable and name it instead: api_key_env: VLLM_API_KEY");
        }

        LlmProvider? provider = null;
        if (agent.GetString("llm") is { } name)
        {
            if (LlmProviderNames.TryParse(name, out var parsed))
            {
                provider = parsed;
            }
            else
            {
                context.ReportError(agent.ValueOf("llm")!, $"unknown LLM provider '{name}' in 'agent'", $"use {LlmProviderNames.Choices}");
            }
        }

        Uri? url = null;
        if (agent.GetString("url") is { } text)
        {
            if (Uri.TryCreate(text, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https" && parsed.Host.Length > 0)
            {
                url = parsed;
            }
            else
            {
                context.ReportError(agent.ValueOf("url")!, $"'url' in 'agent' is not an http(s) URL: '{text}'",
                    "write the server's base URL, e.g. http://localhost:11434 (Ollama) or http://localhost:8000/v1 (vLLM)");
            }
        }

        var keyEnv = agent.GetString("api_key_env");
        if (keyEnv is not null && !EnvironmentVariableName().IsMatch(keyEnv))
        {
            context.ReportError(agent.ValueOf("api_key_env")!, $"'api_key_env' in 'agent' must name an environment variable, got '{keyEnv}'",
                "write the variable's name (letters, digits, _), e.g. api_key_env: VLLM_API_KEY, and export the key in it");
            keyEnv = null;
        }

        var model = agent.GetString("model");
        if (model is null && agent.KeyOf("model") is { } modelKey && agent.ValueOf("model") is null or YamlScalarNode)
        {
            context.ReportError(modelKey, "'model' in 'agent' has no value", $"name a tool-capable model, e.g. model: {AgentSettings.DefaultOllamaModel}");
        }

        context.SetSection(new AgentConfig
        {
            Provider = provider,
            Model = model,
            Url = url,
            ApiKeyEnv = keyEnv,
            MaxRounds = agent.GetInt("max_rounds", 1, AgentSettings.MaxRoundsLimit, $"model round trips per request, 1–{AgentSettings.MaxRoundsLimit} (default {AgentSettings.DefaultMaxRounds})"),
            ContextLength = agent.GetInt("context_length", 2048, 1_048_576, "tokens, e.g. 8192"),
            TimeoutSeconds = agent.GetInt("timeout_seconds", 1, 3600, "seconds per model request, 1–3600 (default 300)"),
        });
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentVariableName();
}
