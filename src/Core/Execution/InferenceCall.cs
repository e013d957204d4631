using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace PveAgent.Core.Execution;

/// <summary>
/// One inference request in flight: its deadline on the injected clock, the caller's cancellation, the output delivered so
/// far, timings, and the translation of transport failures into <see cref="InferenceException"/>s.
/// </summary>
internal sealed class InferenceCall : IDisposable
{
    private const int MaxErrorText = 400;

    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly TimeSpan _limit;
    private readonly string _server;
    private readonly Func<string, CancellationToken, ValueTask>? _onOutput;
    private readonly CancellationToken _caller;
    private readonly CancellationTokenSource _timeout;
    private readonly CancellationTokenSource _linked;
    private readonly StringBuilder _text = new();
    private readonly long _started;
    private bool _answered;

    public InferenceCall(HttpClient http, TimeProvider time, TimeSpan limit, string server, Uri endpoint, Func<string, CancellationToken, ValueTask>? onOutput, CancellationToken caller)
    {
        _http = http;
        _time = time;
        _limit = limit;
        _server = server;
        Endpoint = endpoint;
        _onOutput = onOutput;
        _caller = caller;
        _timeout = new CancellationTokenSource(limit, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(caller, _timeout.Token);
        _started = time.GetTimestamp();
    }

    /// <summary>The URL of the request.</summary>
    public Uri Endpoint { get; }

    /// <summary>Cancelled when the caller cancels or the deadline passes; aborts the HTTP request.</summary>
    public CancellationToken Token => _linked.Token;

    /// <summary>True once some output text was delivered.</summary>
    public bool OutputStarted { get; private set; }

    /// <summary>All output text delivered so far.</summary>
    public string Text => _text.ToString();

    /// <summary>Time since the request was sent.</summary>
    public TimeSpan Elapsed => _time.GetElapsedTime(_started);

    /// <summary>Time until the first output text, once there was some.</summary>
    public TimeSpan? FirstOutput { get; private set; }

    /// <summary>Delivers a piece of output text to the caller (empty pieces are dropped).</summary>
    public async ValueTask EmitAsync(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        FirstOutput ??= Elapsed;
        OutputStarted = true;
        _text.Append(text);
        if (_onOutput is not null)
        {
            await _onOutput(text, Token).ConfigureAwait(false);
        }
    }

    /// <summary>Sends the request and returns the response once its headers are in; an error status throws <see cref="InferenceException"/>.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token).ConfigureAwait(false);
        _answered = true;
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(Token).ConfigureAwait(false);
            throw Rejected((int)response.StatusCode, ErrorText(body) ?? response.ReasonPhrase);
        }
    }

    /// <summary>Reads a JSON body (or one line of a stream) into <typeparamref name="T"/>, or fails as a protocol error.</summary>
    public T Parse<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(json, type)
                ?? throw Failure(InferenceErrorKind.Protocol, "an empty JSON answer", $"{_server} at {Endpoint} answered with JSON null.");
        }
        catch (JsonException error)
        {
            throw Failure(InferenceErrorKind.Protocol, "an answer that is not the expected JSON", $"{_server} at {Endpoint} sent an answer PveAgent cannot read ({error.Message}): {Shorten(json)}", error);
        }
    }

    /// <summary>The server reported an error (a status, or an error object inside a stream).</summary>
    public InferenceException Rejected(int? status, string? serverMessage)
    {
        var text = serverMessage is { Length: > 0 } m ? Shorten(m.Trim()) : null;
        if (status is null)
        {
            var reason = text is null ? "the server reported an error" : $"server error: {text}";
            var kind = OutputStarted ? InferenceErrorKind.Interrupted : InferenceErrorKind.Rejected;
            return Failure(kind, reason, $"{_server} at {Endpoint} reported an error{(OutputStarted ? " in the middle of its answer" : "")}: {text ?? "no details"}.", serverMessage: text);
        }

        var hint = status switch
        {
            404 => " Check the model name: the server lists what it serves at /v1/models (Ollama: /api/tags).",
            400 or 422 => " The server did not accept the request; the message above says which part.",
            401 or 403 => " The server wants credentials PveAgent does not send; put it behind no authentication on the cluster network, or use another service.",
            429 or 503 => " The server is overloaded or still loading its model; try again shortly or use another service.",
            _ => "",
        };
        var reasonText = string.Create(CultureInfo.InvariantCulture, $"HTTP {status}{(text is null ? "" : $": {text}")}");
        return new InferenceException(InferenceErrorKind.Rejected, $"{_server} at {Endpoint} answered {reasonText}.{hint}")
        {
            Reason = reasonText,
            StatusCode = status,
            ServerMessage = text,
            OutputStarted = OutputStarted,
            Endpoint = Endpoint,
        };
    }

    /// <summary>The stream ended before the server said it was done.</summary>
    public InferenceException EndedEarly() =>
        Failure(InferenceErrorKind.Interrupted, "the answer broke off", $"{_server} at {Endpoint} closed the stream before the answer was complete (the server or its guest may have stopped).");

    /// <summary>Maps what went wrong during the call to an <see cref="InferenceException"/>; the caller's own cancellation is left alone.</summary>
    public Exception Translate(Exception error)
    {
        switch (error)
        {
            case InferenceException:
                return error;
            case OperationCanceledException when _caller.IsCancellationRequested:
                return error;
            case OperationCanceledException when _timeout.IsCancellationRequested:
                var limit = _limit.TotalMinutes >= 1
                    ? string.Create(CultureInfo.InvariantCulture, $"{_limit.TotalMinutes:0.#} min")
                    : string.Create(CultureInfo.InvariantCulture, $"{_limit.TotalSeconds:0.#} s");
                return Failure(InferenceErrorKind.Timeout, $"no complete answer within {limit}", $"{_server} at {Endpoint} did not finish within {limit}; raise the inference timeout, ask for fewer tokens, or use a faster service.", error);
            case HttpRequestException http when !_answered && http.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError:
                var reason = Find<SocketException>(http)?.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "connection refused",
                    SocketError.HostUnreachable => "no route to host",
                    SocketError.NetworkUnreachable => "network unreachable",
                    SocketError.TimedOut => "connection timed out",
                    SocketError.HostNotFound => "host not found",
                    _ when http.HttpRequestError == HttpRequestError.NameResolutionError => "host not found",
                    _ => "cannot connect",
                };
                return Failure(InferenceErrorKind.ConnectionFailed, reason, $"Cannot connect to {_server} at {Endpoint.Authority}: {reason}. Check that the service runs (and its guest is started) and listens on port {Endpoint.Port}.", error);
            case HttpRequestException or IOException:
                return Failure(InferenceErrorKind.Interrupted, "the connection broke", $"The connection to {_server} at {Endpoint} broke {(_answered ? "while the answer was being read" : "before an answer came")}: {error.Message}", error);
            default:
                return error;
        }
    }

    public void Dispose()
    {
        _linked.Dispose();
        _timeout.Dispose();
    }

    /// <summary>A JSON request body.</summary>
    internal static StringContent Json<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        new(JsonSerializer.Serialize(value, type), Encoding.UTF8, "application/json");

    /// <summary>The text of an error body: Ollama's <c>error</c> string, OpenAI's <c>error.message</c>, vLLM's flat <c>message</c>, FastAPI's <c>detail</c>, else the raw text.</summary>
    internal static string? ErrorText(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return ErrorText(document.RootElement) ?? Shorten(body.Trim());
        }
        catch (JsonException)
        {
            return Shorten(body.Trim());
        }
    }

    /// <summary>The message of an error value: a string, or an object with <c>message</c> / <c>error</c> / <c>detail</c>.</summary>
    internal static string? ErrorText(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Object:
                foreach (var name in (ReadOnlySpan<string>)["error", "message", "detail"])
                {
                    if (element.TryGetProperty(name, out var inner) && ErrorText(inner) is { Length: > 0 } text)
                    {
                        return text;
                    }
                }

                return null;
            case JsonValueKind.Array:
                // FastAPI validation errors: [{"loc": [...], "msg": "...", "type": "..."}].
                var messages = element.EnumerateArray()
                    .Select(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("msg", out var msg) ? msg.GetString() : ErrorText(e))
                    .Where(m => !string.IsNullOrEmpty(m))
                    .ToList();
                return messages.Count == 0 ? null : string.Join("; ", messages);
            default:
                return null;
        }
    }

    private static string Shorten(string text) => text.Length <= MaxErrorText ? text : text[..MaxErrorText] + "…";

    private static T? Find<T>(Exception? error)
        where T : Exception
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is T found)
            {
                return found;
            }
        }

        return null;
    }

    private InferenceException Failure(InferenceErrorKind kind, string reason, string message, Exception? inner = null, string? serverMessage = null) =>
        new(kind, message, inner) { Reason = reason, OutputStarted = OutputStarted, Endpoint = Endpoint, ServerMessage = serverMessage };
}
