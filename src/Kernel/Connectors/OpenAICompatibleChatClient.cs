using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using PveAgent.Kernel.ToolCalls;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AIChatResponseFormat = Microsoft.Extensions.AI.ChatResponseFormat;
using AIFinishReason = Microsoft.Extensions.AI.ChatFinishReason;
using SdkChatMessage = OpenAI.Chat.ChatMessage;
using SdkFinishReason = OpenAI.Chat.ChatFinishReason;

namespace PveAgent.Kernel.Connectors;

/// <summary>
/// <see cref="IChatClient"/> for OpenAI-compatible servers (vLLM, llama.cpp, LM Studio, Ollama's <c>/v1</c>) through the
/// official OpenAI SDK with a custom endpoint: tool-call arguments as JSON strings, streamed argument fragments joined per
/// index, empty or odd tool-call ids replaced by synthesised ones that stay consistent in the history we send back, and
/// failures turned into <see cref="LlmException"/>.
/// </summary>
public sealed class OpenAICompatibleChatClient : IChatClient
{
    // Local servers ignore the key, but the SDK requires one and sends it as a Bearer token.
    private const string PlaceholderApiKey = "no-key";

    private readonly OpenAICompatibleChatClientOptions _options;
    private readonly OpenAIClientOptions _sdkOptions;
    private readonly ApiKeyCredential _credential;
    private readonly HttpClientPipelineTransport _transport;
    private readonly ConcurrentDictionary<string, ChatClient> _clients = new(StringComparer.Ordinal);

    /// <summary>Creates a client whose requests go through <paramref name="httpClient"/> (not disposed by this client).</summary>
    public OpenAICompatibleChatClient(HttpClient httpClient, OpenAICompatibleChatClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Endpoint, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.NetworkTimeout, TimeSpan.Zero, nameof(options));
        _options = new OpenAICompatibleChatClientOptions
        {
            Endpoint = options.Endpoint, DefaultModel = options.DefaultModel, ApiKey = options.ApiKey, NetworkTimeout = options.NetworkTimeout,
        };
        _transport = new HttpClientPipelineTransport(httpClient);
        _credential = new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? PlaceholderApiKey : options.ApiKey);
        _sdkOptions = new OpenAIClientOptions
        {
            Endpoint = options.Endpoint,
            Transport = _transport,
            // Retrying is the caller's decision (the agent loop knows whether a turn is safe to repeat); the SDK's default
            // retries with back-off would also hide a dead server behind seconds of waiting.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = options.NetworkTimeout,
        };
        Metadata = new ChatClientMetadata("openai-compatible", options.Endpoint, options.DefaultModel);
    }

    /// <summary>Provider name, endpoint and default model.</summary>
    public ChatClientMetadata Metadata { get; }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<AIChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var model = ResolveModel(options);
        var client = ClientFor(model);
        var sdkMessages = MapMessages(messages, options);
        var sdkOptions = MapOptions(options);

        ChatCompletion completion;
        try
        {
            completion = (await client.CompleteChatAsync(sdkMessages, sdkOptions, cancellationToken)).Value;
        }
        catch (Exception ex) when (Translate(ex, model, cancellationToken) is { } translated)
        {
            throw translated;
        }

        var contents = new List<AIContent>();
        var text = string.Concat(completion.Content.Where(p => p.Kind == ChatMessageContentPartKind.Text).Select(p => p.Text));
        if (text.Length > 0)
        {
            contents.Add(new TextContent(text));
        }

        var calls = 0;
        foreach (var call in completion.ToolCalls)
        {
            contents.Add(ToFunctionCall(call.Id, call.FunctionName, call.FunctionArguments?.ToString(), calls++, completion.Id, call));
        }

        var reply = new AIChatMessage(ChatRole.Assistant, contents) { MessageId = completion.Id, CreatedAt = completion.CreatedAt };
        return new ChatResponse(reply)
        {
            ResponseId = completion.Id,
            ModelId = completion.Model ?? model,
            CreatedAt = completion.CreatedAt,
            FinishReason = MapFinishReason(completion.FinishReason, calls > 0),
            Usage = MapUsage(completion.Usage),
            RawRepresentation = completion,
        };
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<AIChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var model = ResolveModel(options);
        var client = ClientFor(model);
        var stream = client.CompleteChatStreamingAsync(MapMessages(messages, options), MapOptions(options), cancellationToken);

        var calls = new StreamedToolCalls();
        var callsSent = false;
        string? responseId = null;
        await using var enumerator = stream.GetAsyncEnumerator(cancellationToken);
        while (await MoveNextAsync(enumerator, model, started: responseId is not null, cancellationToken))
        {
            var chunk = enumerator.Current;
            if (StreamError(chunk) is { } error)
            {
                throw OpenAICompatibleErrors.MidStream(error, _options.Endpoint, model);
            }

            responseId ??= chunk.CompletionId;
            var update = new ChatResponseUpdate
            {
                Role = ChatRole.Assistant,
                ResponseId = chunk.CompletionId,
                MessageId = chunk.CompletionId,
                ModelId = chunk.Model ?? model,
                CreatedAt = chunk.CreatedAt,
                RawRepresentation = chunk,
            };

            var text = string.Concat(chunk.ContentUpdate.Where(p => p.Kind == ChatMessageContentPartKind.Text).Select(p => p.Text));
            if (text.Length > 0)
            {
                update.Contents.Add(new TextContent(text));
            }

            foreach (var delta in chunk.ToolCallUpdates)
            {
                calls.Add(delta.Index, delta.ToolCallId, delta.FunctionName, delta.FunctionArgumentsUpdate?.ToString());
            }

            if (chunk.FinishReason is { } finish && !callsSent)
            {
                AddCalls(update.Contents, calls, chunk.CompletionId);
                callsSent = true;
                update.FinishReason = MapFinishReason(finish, calls.Count > 0);
            }

            if (MapUsage(chunk.Usage) is { } usage)
            {
                update.Contents.Add(new UsageContent(usage));
            }

            if (update.Contents.Count > 0 || update.FinishReason is not null)
            {
                yield return update;
            }
        }

        if (!callsSent && calls.Count > 0)
        {
            // The stream ended without a finish_reason: still hand over what was announced.
            var update = new ChatResponseUpdate
            {
                Role = ChatRole.Assistant,
                ResponseId = responseId,
                MessageId = responseId,
                FinishReason = AIFinishReason.ToolCalls,
                ModelId = model,
            };
            AddCalls(update.Contents, calls, responseId);
            yield return update;
        }
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

    /// <summary>Releases the SDK transport; the injected <see cref="HttpClient"/> stays the caller's.</summary>
    public void Dispose() => _transport.Dispose();

    private string ResolveModel(ChatOptions? options) =>
        options?.ModelId ?? _options.DefaultModel
        ?? throw new InvalidOperationException("No model chosen: set OpenAICompatibleChatClientOptions.DefaultModel or ChatOptions.ModelId (vLLM: the served model name).");

    private ChatClient ClientFor(string model) => _clients.GetOrAdd(model, m => new ChatClient(m, _credential, _sdkOptions));

    private static List<SdkChatMessage> MapMessages(IEnumerable<AIChatMessage> messages, ChatOptions? options)
    {
        var result = new List<SdkChatMessage>();
        if (!string.IsNullOrWhiteSpace(options?.Instructions))
        {
            result.Add(new SystemChatMessage(options.Instructions));
        }

        // A call that reached us without an id still needs one on the wire (llama.cpp and Mistral templates reject empty
        // ids); its result, equally id-less, is paired with it in order.
        var unpairedIds = new Queue<string>();
        foreach (var message in messages)
        {
            ArgumentNullException.ThrowIfNull(message);
            var text = ToolResultText.Text(message);
            var calls = message.Contents.OfType<FunctionCallContent>().ToList();

            if (message.Role == ChatRole.System)
            {
                result.Add(new SystemChatMessage(text));
            }
            else if (message.Role == ChatRole.User)
            {
                result.Add(MapUser(message, text));
            }
            else if (message.Role == ChatRole.Assistant)
            {
                if (calls.Count > 0)
                {
                    var toolCalls = calls.Select((c, i) =>
                    {
                        var arguments = ToolArgumentJson.ToJsonText(c.Arguments);
                        var id = c.CallId;
                        if (string.IsNullOrEmpty(id))
                        {
                            id = ToolCallIds.Synthesise(i, c.Name, arguments, $"history|{result.Count}");
                            unpairedIds.Enqueue(id);
                        }

                        return ChatToolCall.CreateFunctionToolCall(id, c.Name, BinaryData.FromString(arguments));
                    }).ToList();
                    var assistant = new AssistantChatMessage(toolCalls);
                    if (text.Length > 0)
                    {
                        assistant.Content.Add(ChatMessageContentPart.CreateTextPart(text));
                    }

                    result.Add(assistant);
                }
                else if (text.Length > 0)
                {
                    // llama.cpp rejects an assistant message with neither content nor tool calls, so empty ones are left out.
                    result.Add(new AssistantChatMessage(text));
                }
            }
            else if (message.Role != ChatRole.Tool && text.Length > 0)
            {
                result.Add(new UserChatMessage(text));
            }

            foreach (var toolResult in message.Contents.OfType<FunctionResultContent>())
            {
                var id = string.IsNullOrEmpty(toolResult.CallId) && unpairedIds.Count > 0 ? unpairedIds.Dequeue() : toolResult.CallId;
                result.Add(new ToolChatMessage(id, ToolResultText.From(toolResult)));
            }
        }

        return result;
    }

    private static UserChatMessage MapUser(AIChatMessage message, string text)
    {
        var images = message.Contents.Where(c => c is DataContent d && d.HasTopLevelMediaType("image") || c is UriContent u && u.HasTopLevelMediaType("image")).ToList();
        if (images.Count == 0)
        {
            return new UserChatMessage(text);
        }

        var parts = new List<ChatMessageContentPart>();
        if (text.Length > 0)
        {
            parts.Add(ChatMessageContentPart.CreateTextPart(text));
        }

        foreach (var image in images)
        {
            parts.Add(image switch
            {
                DataContent data => ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(data.Data), data.MediaType),
                UriContent uri => ChatMessageContentPart.CreateImagePart(uri.Uri),
                _ => throw new UnreachableException(),
            });
        }

        return new UserChatMessage(parts);
    }

    private static ChatCompletionOptions MapOptions(ChatOptions? options)
    {
        var result = new ChatCompletionOptions
        {
            Temperature = options?.Temperature,
            TopP = options?.TopP,
            MaxOutputTokenCount = options?.MaxOutputTokens,
            FrequencyPenalty = options?.FrequencyPenalty,
            PresencePenalty = options?.PresencePenalty,
            AllowParallelToolCalls = options?.AllowMultipleToolCalls,
        };

#pragma warning disable OPENAI001 // Seed is marked experimental in the SDK; vLLM and llama.cpp honour it and deterministic runs need it.
        result.Seed = options?.Seed;
#pragma warning restore OPENAI001

        foreach (var stop in options?.StopSequences ?? [])
        {
            result.StopSequences.Add(stop);
        }

        if (options?.Tools is { Count: > 0 } tools)
        {
            foreach (var function in tools.OfType<AIFunctionDeclaration>())
            {
                var schema = function.JsonSchema.ValueKind == JsonValueKind.Object ? function.JsonSchema.GetRawText() : """{"type":"object","properties":{}}""";
                result.Tools.Add(ChatTool.CreateFunctionTool(function.Name, function.Description, BinaryData.FromString(schema)));
            }

            // No tool_choice unless asked: vLLM treats a missing one as "auto" anyway, and some servers reject the field.
            result.ToolChoice = options.ToolMode switch
            {
                null => null,
                NoneChatToolMode => ChatToolChoice.CreateNoneChoice(),
                RequiredChatToolMode { RequiredFunctionName: { } name } => ChatToolChoice.CreateFunctionChoice(name),
                RequiredChatToolMode => ChatToolChoice.CreateRequiredChoice(),
                _ => ChatToolChoice.CreateAutoChoice(),
            };
        }

        result.ResponseFormat = options?.ResponseFormat switch
        {
            ChatResponseFormatJson { Schema: { } schema } json => OpenAI.Chat.ChatResponseFormat.CreateJsonSchemaFormat(
                json.SchemaName ?? "response", BinaryData.FromString(schema.GetRawText()), json.SchemaDescription),
            ChatResponseFormatJson => OpenAI.Chat.ChatResponseFormat.CreateJsonObjectFormat(),
            AIChatResponseFormat or null => null,
        };

        return result;
    }

    private static FunctionCallContent ToFunctionCall(string? id, string? name, string? argumentsText, int index, string? seed, object raw)
    {
        name ??= "";
        var arguments = ToolArgumentJson.TryParseObject(argumentsText, out var problem);
        var canonical = arguments is null ? argumentsText ?? "" : ToolArgumentJson.Canonical(ToolArgumentJson.ToJsonObject(arguments));
        return new FunctionCallContent(ToolCallIds.OrSynthesise(id, index, name, canonical, seed), name, arguments)
        {
            RawRepresentation = raw,
            Exception = problem is null ? null : new InvalidDataException($"Tool call '{name}': arguments {problem}."),
        };
    }

    private static void AddCalls(IList<AIContent> contents, StreamedToolCalls calls, string? seed)
    {
        var index = 0;
        foreach (var call in calls.InOrder)
        {
            contents.Add(ToFunctionCall(call.Id, call.Name, call.Arguments.ToString(), index++, seed, call));
        }
    }

    private static AIFinishReason? MapFinishReason(SdkFinishReason reason, bool producedToolCalls) =>
        producedToolCalls ? AIFinishReason.ToolCalls : reason switch
        {
            SdkFinishReason.Stop => AIFinishReason.Stop,
            SdkFinishReason.Length => AIFinishReason.Length,
            SdkFinishReason.ContentFilter => AIFinishReason.ContentFilter,
            SdkFinishReason.ToolCalls or SdkFinishReason.FunctionCall => AIFinishReason.ToolCalls,
            _ => new AIFinishReason(reason.ToString()),
        };

    private static UsageDetails? MapUsage(ChatTokenUsage? usage) =>
        usage is null ? null : new UsageDetails
        {
            InputTokenCount = usage.InputTokenCount,
            OutputTokenCount = usage.OutputTokenCount,
            TotalTokenCount = usage.TotalTokenCount,
            CachedInputTokenCount = usage.InputTokenDetails?.CachedTokenCount,
            ReasoningTokenCount = usage.OutputTokenDetails?.ReasoningTokenCount,
        };

    /// <summary>An error event inside an SSE stream (<c>data: {"error": …}</c>), which the SDK reads as an empty chunk.</summary>
    private static LlmErrorText.ErrorInfo? StreamError(StreamingChatCompletionUpdate chunk)
    {
#pragma warning disable SCME0001 // JsonPatch is experimental; it is the only place the SDK keeps properties it does not model.
        if (!chunk.Patch.Contains("$.error"u8))
        {
            return null;
        }

        using var document = JsonDocument.Parse(chunk.Patch.GetJson("$.error"u8));
#pragma warning restore SCME0001
        return LlmErrorText.FromErrorValue(document.RootElement);
    }

    private async Task<bool> MoveNextAsync(IAsyncEnumerator<StreamingChatCompletionUpdate> enumerator, string model, bool started, CancellationToken cancellationToken)
    {
        try
        {
            return await enumerator.MoveNextAsync();
        }
        catch (Exception ex) when (started && ex is IOException or HttpRequestException or ClientResultException { Status: 0 })
        {
            throw OpenAICompatibleErrors.StreamCut(_options.Endpoint, model, ex);
        }
        catch (Exception ex) when (Translate(ex, model, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    private LlmException? Translate(Exception exception, string model, CancellationToken cancellationToken) => exception switch
    {
        ClientResultException result => OpenAICompatibleErrors.FromClientResult(result, _options.Endpoint, model),
        HttpRequestException or IOException when exception is not FileNotFoundException => OpenAICompatibleErrors.Transport(exception, _options.Endpoint, model),
        OperationCanceledException when !cancellationToken.IsCancellationRequested => OpenAICompatibleErrors.Timeout(_options.NetworkTimeout, _options.Endpoint, model, exception),
        // The SDK throws these while reading a body it cannot model (e.g. llama.cpp's documented finish_reason "tool").
        JsonException or FormatException or ArgumentOutOfRangeException or InvalidOperationException or KeyNotFoundException =>
            OpenAICompatibleErrors.Unreadable(exception, _options.Endpoint, model),
        _ => null,
    };

    /// <summary>Joins streamed tool-call deltas: id and name arrive once per index, argument fragments are concatenated.</summary>
    private sealed class StreamedToolCalls
    {
        private readonly List<Call> _calls = [];
        private readonly Dictionary<int, Call> _byIndex = [];

        public int Count => _calls.Count;

        public void Add(int index, string? id, string? name, string? argumentsFragment)
        {
            // A delta with a new id on an index that already holds a named call is a new call: servers that omit
            // "index" (Ollama /v1 before v0.4.7, ollama#7881) send every call as index 0.
            if (!_byIndex.TryGetValue(index, out var call)
                || !string.IsNullOrEmpty(id) && !string.IsNullOrEmpty(call.Id) && call.Id != id && call.Name is not null)
            {
                call = new Call();
                _calls.Add(call);
                _byIndex[index] = call;
            }

            if (!string.IsNullOrEmpty(id))
            {
                call.Id ??= id;
            }

            if (!string.IsNullOrEmpty(name))
            {
                call.Name ??= name;
            }

            call.Arguments.Append(argumentsFragment);
        }

        public IReadOnlyList<Call> InOrder => _calls;

        public sealed class Call
        {
            public string? Id { get; set; }

            public string? Name { get; set; }

            public StringBuilder Arguments { get; } = new();
        }
    }
}
