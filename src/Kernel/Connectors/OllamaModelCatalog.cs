using System.Net.Http.Headers;
using System.Text.Json;

namespace PveAgent.Kernel.Connectors;

/// <summary>
/// Reads what an Ollama server has installed (<c>GET /api/tags</c>) and what a model can do (<c>POST /api/show</c>
/// capabilities), so a model is checked — pulled, tool-capable — before a conversation starts.
/// </summary>
public sealed class OllamaModelCatalog
{
    private readonly HttpClient _httpClient;
    private readonly Uri _endpoint;

    /// <summary>Creates a catalog for the server at <paramref name="endpoint"/> (default <c>http://localhost:11434</c>).</summary>
    public OllamaModelCatalog(HttpClient httpClient, Uri? endpoint = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _httpClient = httpClient;
        _endpoint = endpoint ?? new Uri("http://localhost:11434");
    }

    /// <summary>Lists the installed models.</summary>
    public async Task<IReadOnlyList<OllamaModelInfo>> ListModelsAsync(CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(OllamaChatClient.EnsureTrailingSlash(_endpoint), "api/tags"));
        var body = await SendAsync(request, "", cancellationToken);
        var tags = Deserialize(body, OllamaJsonContext.Default.OllamaTagsResponse, "");
        return [.. (tags.Models ?? []).Where(m => !string.IsNullOrEmpty(m.Name ?? m.Model)).Select(m => new OllamaModelInfo(
            (m.Name ?? m.Model)!, m.Size, m.Details?.Family, m.Details?.ParameterSize, m.Details?.QuantizationLevel, m.Capabilities))];
    }

    /// <summary>Checks that <paramref name="model"/> is pulled and, when <paramref name="requireTools"/>, that it can call tools.</summary>
    public async Task<OllamaModelCheck> CheckModelAsync(string model, bool requireTools = true, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        var installed = (await ListModelsAsync(cancellationToken)).FirstOrDefault(m => SameModel(m.Name, model));
        if (installed is null)
        {
            return new OllamaModelCheck(model, null, null, null,
                $"Model '{model}' is not pulled on the Ollama server at {OllamaErrors.Show(_endpoint)} — run `ollama pull {model}`.");
        }

        var show = await ShowAsync(installed.Name, cancellationToken);
        var capabilities = show.Capabilities ?? installed.Capabilities;
        var contextLength = show.ModelInfo?
            .Where(p => p.Key.EndsWith(".context_length", StringComparison.Ordinal) && p.Value.ValueKind == JsonValueKind.Number)
            .Select(p => p.Value.TryGetInt64(out var n) ? n : (long?)null)
            .FirstOrDefault(n => n is not null);

        var problem = requireTools && capabilities is not null && !capabilities.Contains("tools", StringComparer.OrdinalIgnoreCase)
            ? $"Model '{installed.Name}' cannot call tools (its capabilities: {string.Join(", ", capabilities)}). Use a tool-capable model " +
              $"such as {OllamaErrors.ToolCapableModels} — e.g. `ollama pull qwen2.5`."
            : null;
        return new OllamaModelCheck(model, installed.Name, capabilities, contextLength, problem);
    }

    private async Task<OllamaShowResponse> ShowAsync(string model, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(new OllamaShowRequest { Model = model }, OllamaJsonContext.Default.OllamaShowRequest));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(OllamaChatClient.EnsureTrailingSlash(_endpoint), "api/show")) { Content = content };
        var body = await SendAsync(request, model, cancellationToken);
        return Deserialize(body, OllamaJsonContext.Default.OllamaShowResponse, model);
    }

    // Ollama normalises a name without a tag to ":latest"; names are compared without regard to case.
    private static bool SameModel(string installed, string wanted) =>
        string.Equals(installed, wanted, StringComparison.OrdinalIgnoreCase)
        || !wanted.Contains(':', StringComparison.Ordinal) && string.Equals(installed, wanted + ":latest", StringComparison.OrdinalIgnoreCase);

    private async Task<string> SendAsync(HttpRequestMessage request, string model, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _httpClient.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw OllamaErrors.Transport(ex, _endpoint, model);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw OllamaErrors.Timeout(_httpClient.Timeout, _endpoint, model, ex);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return response.IsSuccessStatusCode ? body : throw OllamaErrors.FromStatus((int)response.StatusCode, body, _endpoint, model);
        }
    }

    private T Deserialize<T>(string body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, string model)
    {
        try
        {
            return JsonSerializer.Deserialize(body, typeInfo) ?? throw OllamaErrors.Unreadable("the body was JSON null", _endpoint, model, null);
        }
        catch (JsonException ex)
        {
            throw OllamaErrors.Unreadable(ex.Message, _endpoint, model, ex);
        }
    }
}
