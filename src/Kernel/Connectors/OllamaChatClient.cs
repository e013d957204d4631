using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using PveAgent.Kernel.ToolCalls;

namespace PveAgent.Kernel.Connectors;

/// <summary>
/// <see cref="IChatClient"/> over Ollama's native <c>POST /api/chat</c>: tool calls with object arguments, NDJSON streaming
/// read as it arrives, ids synthesised for servers older than v0.12.10, and failures turned into <see cref="LlmException"/>.
/// </summary>
/// <remarks>
/// <see cref="ChatOptions.AdditionalProperties"/> may carry <c>keep_alive</c> (a <see cref="TimeSpan"/>, a duration string or
/// seconds), <c>think</c>, and Ollama runner options by their Ollama names (<c>num_ctx</c>, <c>num_gpu</c>, <c>repeat_penalty</c> …).
/// The injected <see cref="HttpClient"/>'s timeout applies; the first request to a cold model includes its load time.
/// </remarks>
public sealed class OllamaChatClient : IChatClient
{
    /// <summary>The <see cref="ChatOptions.AdditionalProperties"/> key for <c>keep_alive</c>.</summary>
    public const string KeepAliveKey = "keep_alive";

    /// <summary>The <see cref="ChatOptions.AdditionalProperties"/> key for <c>think</c> (true/false or "low"/"medium"/"high").</summary>
    public const string ThinkKey = "think";

    /// <summary>The <see cref="ChatResponse.AdditionalProperties"/> keys under which Ollama's timings are reported, as <see cref="TimeSpan"/>s.</summary>
    public const string TotalDurationKey = "total_duration", LoadDurationKey = "load_duration",
        PromptEvalDurationKey = "prompt_eval_duration", EvalDurationKey = "eval_duration";

    private static readonly HashSet<string> RunnerOptions = new(StringComparer.Ordinal)
    {
        "num_ctx", "num_predict", "num_keep", "num_batch", "num_gpu", "main_gpu", "num_thread", "seed", "temperature", "top_k",
        "top_p", "min_p", "typical_p", "repeat_last_n", "repeat_penalty", "presence_penalty", "frequency_penalty", "stop",
        "use_mmap", "numa",
    };

    private readonly HttpClient _httpClient;
    private readonly OllamaChatClientOptions _options;
    private readonly Uri _chatUri;

    /// <summary>Creates a client on <paramref name="httpClient"/> (not disposed by this client).</summary>
    public OllamaChatClient(HttpClient httpClient, OllamaChatClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _httpClient = httpClient;
        options ??= new OllamaChatClientOptions();
        ArgumentNullException.ThrowIfNull(options.Endpoint, nameof(options));

        // A copy: the options object stays the caller's to change without changing a client already in use.
        _options = new OllamaChatClientOptions
        {
            Endpoint = options.Endpoint, DefaultModel = options.DefaultModel, KeepAlive = options.KeepAlive, ContextLength = options.ContextLength,
        };
        if (_options.ContextLength is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.ContextLength, "OllamaChatClientOptions.ContextLength must be a positive number of tokens (e.g. 8192), or null for the server default.");
        }

        _chatUri = new Uri(EnsureTrailingSlash(_options.Endpoint), "api/chat");
        Metadata = new ChatClientMetadata("ollama", _options.Endpoint, _options.DefaultModel);
    }

    /// <summary>Provider name, endpoint and default model.</summary>
    public ChatClientMetadata Metadata { get; }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var model = ResolveModel(options);
        using var request = CreateRequest(messages, options, model, stream: false);
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, model, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw OllamaErrors.FromStatus((int)response.StatusCode, body, _options.Endpoint, model);
        }

        var dto = Deserialize(body, model);
        if (dto.Error is { } error)
        {
            throw OllamaErrors.MidStream(LlmErrorText.FromErrorValue(error), _options.Endpoint, model);
        }

        var contents = new List<AIContent>();
        var calls = AddMessageContents(dto, contents, firstIndex: 0);
        var reply = new ChatMessage(ChatRole.Assistant, contents) { CreatedAt = ParseTime(dto.CreatedAt), RawRepresentation = dto.Message };
        return new ChatResponse(reply)
        {
            ModelId = dto.Model ?? model,
            CreatedAt = reply.CreatedAt,
            FinishReason = MapFinishReason(dto.DoneReason, calls > 0),
            Usage = MapUsage(dto),
            AdditionalProperties = MapDurations(dto),
            RawRepresentation = dto,
        };
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var model = ResolveModel(options);
        using var request = CreateRequest(messages, options, model, stream: true);
        using var response = await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, model, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw OllamaErrors.FromStatus((int)response.StatusCode, body, _options.Endpoint, model);
        }

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        var calls = 0;
        while (await ReadLineAsync(reader, model, cancellationToken) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var dto = Deserialize(line, model);
            if (dto.Error is { } error)
            {
                throw OllamaErrors.MidStream(LlmErrorText.FromErrorValue(error), _options.Endpoint, model);
            }

            var update = new ChatResponseUpdate
            {
                Role = ChatRole.Assistant,
                ModelId = dto.Model ?? model,
                CreatedAt = ParseTime(dto.CreatedAt),
                RawRepresentation = dto,
            };
            calls += AddMessageContents(dto, update.Contents, calls);

            if (dto.Done)
            {
                update.FinishReason = MapFinishReason(dto.DoneReason, calls > 0);
                if (MapUsage(dto) is { } usage)
                {
                    update.Contents.Add(new UsageContent(usage));
                }

                update.AdditionalProperties = MapDurations(dto);
                yield return update;
                yield break;
            }

            if (update.Contents.Count > 0)
            {
                yield return update;
            }
        }

        throw OllamaErrors.StreamCut(_options.Endpoint, model, null);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? Metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <summary>Does nothing: the injected <see cref="HttpClient"/> belongs to the caller.</summary>
    public void Dispose()
    {
    }

    internal static Uri EnsureTrailingSlash(Uri endpoint) =>
        endpoint.AbsolutePath.EndsWith('/') ? endpoint : new Uri(endpoint + "/");

    private string ResolveModel(ChatOptions? options) =>
        options?.ModelId ?? _options.DefaultModel
        ?? throw new InvalidOperationException("No Ollama model chosen: set OllamaChatClientOptions.DefaultModel or ChatOptions.ModelId (e.g. \"qwen2.5:7b\").");

    private HttpRequestMessage CreateRequest(IEnumerable<ChatMessage> messages, ChatOptions? options, string model, bool stream)
    {
        var body = new OllamaChatRequest
        {
            Model = model,
            Messages = MapMessages(messages, options),
            Tools = MapTools(options),
            Stream = stream,
            Format = MapFormat(options?.ResponseFormat),
            Options = MapOptions(options),
            KeepAlive = MapKeepAlive(options),
            Think = options?.AdditionalProperties?.TryGetValue(ThinkKey, out var think) == true ? ToolArgumentJson.ToElement(think) : null,
        };

        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, OllamaJsonContext.Default.OllamaChatRequest));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpRequestMessage(HttpMethod.Post, _chatUri) { Content = content };
    }

    private static List<OllamaMessage> MapMessages(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var result = new List<OllamaMessage>();
        if (!string.IsNullOrWhiteSpace(options?.Instructions))
        {
            result.Add(new OllamaMessage { Role = "system", Content = options.Instructions });
        }

        // Ollama pairs a tool result with its call by tool_name (tool_call_id only since v0.12.10), so remember the names.
        var toolNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            ArgumentNullException.ThrowIfNull(message);
            var calls = message.Contents.OfType<FunctionCallContent>().ToList();
            var results = message.Contents.OfType<FunctionResultContent>().ToList();
            var images = message.Contents.OfType<DataContent>().Where(d => d.HasTopLevelMediaType("image")).Select(d => d.Base64Data.ToString()).ToList();
            var thinking = string.Concat(message.Contents.OfType<TextReasoningContent>().Select(r => r.Text));
            var text = ToolResultText.Text(message);

            foreach (var call in calls)
            {
                toolNames[call.CallId] = call.Name;
            }

            if (results.Count == 0 || text.Length > 0 || calls.Count > 0 || images.Count > 0)
            {
                result.Add(new OllamaMessage
                {
                    Role = message.Role.Value.ToLowerInvariant(),
                    Content = text,
                    Thinking = thinking.Length > 0 ? thinking : null,
                    Images = images.Count > 0 ? images : null,
                    ToolCalls = calls.Count > 0 ? [.. calls.Select((c, i) => new OllamaToolCall
                    {
                        Id = string.IsNullOrEmpty(c.CallId) ? null : c.CallId,
                        Function = new OllamaFunctionCall { Index = i, Name = c.Name, Arguments = ToolArgumentJson.ToJsonObject(c.Arguments) },
                    })] : null,
                });
            }

            foreach (var toolResult in results)
            {
                result.Add(new OllamaMessage
                {
                    Role = "tool",
                    Content = ToolResultText.From(toolResult),
                    ToolName = toolNames.GetValueOrDefault(toolResult.CallId),
                    ToolCallId = string.IsNullOrEmpty(toolResult.CallId) ? null : toolResult.CallId,
                });
            }
        }

        return result;
    }

    private static List<OllamaTool>? MapTools(ChatOptions? options)
    {
        if (options?.Tools is not { Count: > 0 } tools || options.ToolMode is NoneChatToolMode)
        {
            return null;
        }

        return [.. tools.OfType<AIFunctionDeclaration>().Select(f => new OllamaTool
        {
            Function = new OllamaFunctionDefinition
            {
                Name = f.Name,
                Description = string.IsNullOrEmpty(f.Description) ? null : f.Description,
                Parameters = f.JsonSchema.ValueKind == JsonValueKind.Object ? f.JsonSchema : JsonElement.Parse("""{"type":"object","properties":{}}"""),
            },
        })];
    }

    private static JsonElement? MapFormat(ChatResponseFormat? format) => format switch
    {
        ChatResponseFormatJson { Schema: { } schema } => schema,
        ChatResponseFormatJson => ToolArgumentJson.ToElement("json"),
        _ => null,
    };

    private Dictionary<string, JsonElement>? MapOptions(ChatOptions? options)
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        void Set(string key, object? value)
        {
            if (value is not null)
            {
                result[key] = ToolArgumentJson.ToElement(value);
            }
        }

        Set("num_ctx", _options.ContextLength);
        Set("temperature", options?.Temperature);
        Set("top_p", options?.TopP);
        Set("top_k", options?.TopK);
        Set("seed", options?.Seed);
        Set("num_predict", options?.MaxOutputTokens);
        Set("frequency_penalty", options?.FrequencyPenalty);
        Set("presence_penalty", options?.PresencePenalty);
        if (options?.StopSequences is { Count: > 0 } stop)
        {
            Set("stop", stop.Select(s => (object?)s).ToList());
        }

        foreach (var (key, value) in options?.AdditionalProperties ?? [])
        {
            if (RunnerOptions.Contains(key))
            {
                Set(key, value);
            }
        }

        return result.Count > 0 ? result : null;
    }

    private JsonElement? MapKeepAlive(ChatOptions? options)
    {
        var value = options?.AdditionalProperties?.TryGetValue(KeepAliveKey, out var given) == true ? given : _options.KeepAlive;
        return value switch
        {
            null => null,
            TimeSpan span when span == Timeout.InfiniteTimeSpan || span < TimeSpan.Zero => ToolArgumentJson.ToElement(-1),
            // Seconds as a number: Ollama reads a bare number as seconds; a string would need a Go duration unit.
            TimeSpan span => ToolArgumentJson.ToElement((long)Math.Ceiling(span.TotalSeconds)),
            _ => ToolArgumentJson.ToElement(value),
        };
    }

    /// <summary>Adds a response message's thinking, text and tool calls; returns the number of tool calls added.</summary>
    private static int AddMessageContents(OllamaChatResponse dto, IList<AIContent> contents, int firstIndex)
    {
        if (dto.Message is not { } message)
        {
            return 0;
        }

        if (!string.IsNullOrEmpty(message.Thinking))
        {
            contents.Add(new TextReasoningContent(message.Thinking));
        }

        if (!string.IsNullOrEmpty(message.Content))
        {
            contents.Add(new TextContent(message.Content));
        }

        var added = 0;
        foreach (var call in message.ToolCalls ?? [])
        {
            var index = call.Function?.Index ?? firstIndex + added;
            var name = call.Function?.Name ?? "";
            Dictionary<string, object?>? arguments;
            string? problem = null;
            switch (call.Function?.Arguments)
            {
                case null or { ValueKind: JsonValueKind.Null }:
                    arguments = [];
                    break;
                case { ValueKind: JsonValueKind.Object } obj:
                    arguments = ToolArgumentJson.ToDictionary(obj);
                    break;
                case { ValueKind: JsonValueKind.String } text:
                    arguments = ToolArgumentJson.TryParseObject(text.GetString(), out problem);
                    break;
                case { } other:
                    arguments = null;
                    problem = $"arguments were a JSON {other.ValueKind.ToString().ToUpperInvariant()}, not an object";
                    break;
            }

            var argumentsJson = arguments is null ? "" : ToolArgumentJson.Canonical(ToolArgumentJson.ToJsonObject(arguments));
            var id = ToolCallIds.OrSynthesise(call.Id, index, name, argumentsJson, $"{dto.Model}|{dto.CreatedAt}");
            contents.Add(new FunctionCallContent(id, name, arguments)
            {
                RawRepresentation = call,
                Exception = problem is null ? null : new InvalidDataException($"Tool call '{name}': {problem}."),
            });
            added++;
        }

        return added;
    }

    private static ChatFinishReason? MapFinishReason(string? doneReason, bool producedToolCalls) =>
        producedToolCalls ? ChatFinishReason.ToolCalls
        : doneReason switch
        {
            null or "" => null,
            "stop" => ChatFinishReason.Stop,
            "length" => ChatFinishReason.Length,
            var other => new ChatFinishReason(other),
        };

    private static UsageDetails? MapUsage(OllamaChatResponse dto) =>
        dto.PromptEvalCount is null && dto.EvalCount is null ? null : new UsageDetails
        {
            InputTokenCount = dto.PromptEvalCount,
            OutputTokenCount = dto.EvalCount,
            TotalTokenCount = (dto.PromptEvalCount ?? 0) + (dto.EvalCount ?? 0),
        };

    private static AdditionalPropertiesDictionary? MapDurations(OllamaChatResponse dto)
    {
        var result = new AdditionalPropertiesDictionary();
        void Set(string key, long? nanoseconds)
        {
            if (nanoseconds is { } ns)
            {
                result[key] = TimeSpan.FromTicks(ns / 100);
            }
        }

        Set(TotalDurationKey, dto.TotalDuration);
        Set(LoadDurationKey, dto.LoadDuration);
        Set(PromptEvalDurationKey, dto.PromptEvalDuration);
        Set(EvalDurationKey, dto.EvalDuration);
        return result.Count > 0 ? result : null;
    }

    private static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    private OllamaChatResponse Deserialize(string json, string model)
    {
        try
        {
            return JsonSerializer.Deserialize(json, OllamaJsonContext.Default.OllamaChatResponse)
                ?? throw OllamaErrors.Unreadable("the body was JSON null", _options.Endpoint, model, null);
        }
        catch (JsonException ex)
        {
            throw OllamaErrors.Unreadable(ex.Message, _options.Endpoint, model, ex);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, string model, CancellationToken cancellationToken)
    {
        try
        {
            return await _httpClient.SendAsync(request, completion, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw OllamaErrors.Transport(ex, _options.Endpoint, model);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw OllamaErrors.Timeout(_httpClient.Timeout, _options.Endpoint, model, ex);
        }
    }

    private async Task<string?> ReadLineAsync(StreamReader reader, string model, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadLineAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            throw OllamaErrors.StreamCut(_options.Endpoint, model, ex);
        }
    }
}
