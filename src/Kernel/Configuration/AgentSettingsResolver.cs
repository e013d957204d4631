namespace PveAgent.Kernel.Configuration;

/// <summary>
/// Combines the LLM settings from, in order of precedence: CLI flags, environment variables
/// (<c>PVEAGENT_LLM_PROVIDER</c>, <c>PVEAGENT_LLM_URL</c>, <c>PVEAGENT_LLM_MODEL</c>, the API key variable), the
/// <c>agent:</c> section of cluster.yaml, and the defaults (Ollama at <c>http://localhost:11434</c> with
/// <see cref="AgentSettings.DefaultOllamaModel"/>).
/// </summary>
/// <remarks>
/// The file's <c>url</c> and <c>model</c> belong to the file's <c>llm</c>: when a flag or variable switches to the other
/// provider, they are not carried over (an Ollama model name means nothing to a vLLM server).
/// </remarks>
public static class AgentSettingsResolver
{
    /// <summary>Overrides the provider.</summary>
    public const string ProviderVariable = "PVEAGENT_LLM_PROVIDER";

    /// <summary>Overrides the server URL.</summary>
    public const string UrlVariable = "PVEAGENT_LLM_URL";

    /// <summary>Overrides the model.</summary>
    public const string ModelVariable = "PVEAGENT_LLM_MODEL";

    /// <summary>Resolves the settings; <paramref name="environment"/> reads environment variables.</summary>
    public static AgentSettingsResolution Resolve(AgentConfig? file, AgentOverrides? flags, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        file ??= AgentConfig.Empty;
        flags ??= AgentOverrides.None;
        var problems = new List<string>();
        var sources = new List<string>();

        var provider = LlmProvider.Ollama;
        var providerSource = "default";
        if ((Given(flags.Provider, "--llm-provider") ?? Given(environment(ProviderVariable), ProviderVariable)) is { } named)
        {
            if (LlmProviderNames.TryParse(named.Value, out var parsed))
            {
                (provider, providerSource) = (parsed, named.Source);
            }
            else
            {
                problems.Add($"{named.Source} '{named.Value}' is not an LLM provider: use {LlmProviderNames.Choices}.");
            }
        }
        else if (file.Provider is { } configured)
        {
            (provider, providerSource) = (configured, "cluster.yaml");
        }

        sources.Add($"llm: {providerSource}");

        // The file's url and model are written for the file's provider (ollama when it names none).
        var fileApplies = (file.Provider ?? LlmProvider.Ollama) == provider;

        var endpoint = provider == LlmProvider.Ollama ? AgentSettings.DefaultOllamaUrl : AgentSettings.DefaultOpenAIUrl;
        var endpointSource = "default";
        if ((Given(flags.Url, "--llm-url") ?? Given(environment(UrlVariable), UrlVariable)) is { } url)
        {
            if (Uri.TryCreate(url.Value, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https" && parsed.Host.Length > 0)
            {
                (endpoint, endpointSource) = (parsed, url.Source);
            }
            else
            {
                problems.Add($"{url.Source} '{url.Value}' is not an http(s) URL: give the server's base URL, e.g. http://localhost:11434 (Ollama) or http://localhost:8000/v1 (vLLM).");
            }
        }
        else if (fileApplies && file.Url is { } configured)
        {
            (endpoint, endpointSource) = (configured, "cluster.yaml");
        }

        sources.Add($"url: {endpointSource}");

        string? model = provider == LlmProvider.Ollama ? AgentSettings.DefaultOllamaModel : null;
        var modelSource = "default";
        if ((Given(flags.Model, "--llm-model") ?? Given(environment(ModelVariable), ModelVariable)) is { } named2)
        {
            (model, modelSource) = (named2.Value, named2.Source);
        }
        else if (fileApplies && file.Model is { } configured)
        {
            (model, modelSource) = (configured, "cluster.yaml");
        }

        if (model is null)
        {
            problems.Add($"No model named for the OpenAI-compatible server at {endpoint.ToString().TrimEnd('/')}: give the id it serves with --llm-model NAME, {ModelVariable} or 'model:' under 'agent:' in cluster.yaml (GET {endpoint.ToString().TrimEnd('/')}/models lists them).");
        }

        sources.Add($"model: {modelSource}");

        var keyVariable = file.ApiKeyEnv ?? AgentSettings.DefaultApiKeyVariable;
        var key = environment(keyVariable);
        if (string.IsNullOrWhiteSpace(key))
        {
            key = null;
            if (file.ApiKeyEnv is not null)
            {
                problems.Add($"'api_key_env' in cluster.yaml names {file.ApiKeyEnv}, but that environment variable is not set: export the server's API key in it, or remove api_key_env.");
            }
        }

        if (problems.Count > 0)
        {
            return new AgentSettingsResolution(null, problems);
        }

        return new AgentSettingsResolution(new AgentSettings
        {
            Provider = provider,
            Model = model!,
            Endpoint = endpoint,
            ApiKey = key?.Trim(),
            ApiKeyVariable = key is null ? null : keyVariable,
            MaxRounds = file.MaxRounds ?? AgentSettings.DefaultMaxRounds,
            ContextLength = file.ContextLength ?? (provider == LlmProvider.Ollama ? AgentSettings.DefaultOllamaContextLength : null),
            Timeout = file.TimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromMinutes(5),
            Sources = sources,
        }, []);
    }

    private static (string Value, string Source)? Given(string? value, string source) =>
        string.IsNullOrWhiteSpace(value) ? null : (value.Trim(), source);
}
