using System.Text.Json;

namespace PveAgent.Mcp.Stdio;

/// <summary>
/// What <see cref="McpFrontDoor"/> needs of one JSON-RPC line: its method, its id as sent, and whether its parameters are
/// the plain ones it answers by itself. Read with the framework's JSON reader, no DOM and no SDK contract.
/// </summary>
internal sealed class IncomingMessage
{
    private bool _hasCapabilities;
    private bool _hasClientInfo;

    private IncomingMessage()
    {
    }

    /// <summary>The method, or null for a response or a line without one.</summary>
    public string? Method { get; private set; }

    /// <summary>The id exactly as the client wrote it (a JSON string with its quotes, or an integer), or null for a notification.</summary>
    public byte[]? RawId { get; private set; }

    /// <summary>The id's value: the string's text, or the integer's digits.</summary>
    public string? IdText { get; private set; }

    /// <summary>True when the id is a JSON string.</summary>
    public bool IdIsString { get; private set; }

    /// <summary><c>params.protocolVersion</c>, when it is a string.</summary>
    public string? ProtocolVersion { get; private set; }

    /// <summary>
    /// True when the message is nothing but what the front door answers by: <c>jsonrpc</c> "2.0", no <c>_meta</c> and
    /// no <c>cursor</c> in <c>params</c>, and for <c>initialize</c> the <c>capabilities</c> and <c>clientInfo</c> objects the SDK requires.
    /// </summary>
    public bool IsPlain { get; private set; }

    /// <summary>True for an <c>initialize</c> request the front door may answer.</summary>
    public bool IsPlainInitialize => Method == "initialize" && RawId is not null && IsPlain && _hasCapabilities && _hasClientInfo;

    /// <summary>Reads one line; null when it is not a JSON object (the SDK then answers it).</summary>
    public static IncomingMessage? Parse(ReadOnlySpan<byte> line)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            var message = new IncomingMessage { IsPlain = true };
            var version = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("jsonrpc"u8))
                {
                    reader.Read();
                    version = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("2.0"u8);
                }
                else if (reader.ValueTextEquals("method"u8))
                {
                    reader.Read();
                    message.Method = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    message.ReadId(ref reader);
                }
                else if (reader.ValueTextEquals("params"u8))
                {
                    reader.Read();
                    message.ReadParams(ref reader);
                }
                else
                {
                    // result, error or anything else: not a request the front door answers.
                    message.IsPlain = false;
                    reader.Read();
                    reader.Skip();
                }
            }

            message.IsPlain &= version && reader.TokenType == JsonTokenType.EndObject && !reader.Read();
            return message;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void ReadId(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            IdIsString = true;
            IdText = reader.GetString();
            RawId = [(byte)'"', .. reader.ValueSpan, (byte)'"'];
        }
        else if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number))
        {
            IdText = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            RawId = reader.ValueSpan.ToArray();
        }
        else
        {
            // null, a fraction, an object: the SDK decides what that means.
            IsPlain = false;
            reader.Skip();
        }
    }

    private void ReadParams(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            IsPlain = false;
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("protocolVersion"u8))
            {
                reader.Read();
                ProtocolVersion = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                continue;
            }

            var capabilities = reader.ValueTextEquals("capabilities"u8);
            var clientInfo = reader.ValueTextEquals("clientInfo"u8);
            if (reader.ValueTextEquals("_meta"u8) || reader.ValueTextEquals("cursor"u8))
            {
                IsPlain = false;
            }

            reader.Read();
            _hasCapabilities |= capabilities && reader.TokenType == JsonTokenType.StartObject;
            if (clientInfo && reader.TokenType == JsonTokenType.StartObject)
            {
                _hasClientInfo = IsImplementation(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }
    }

    /// <summary>True when the object at the reader has the <c>name</c> and <c>version</c> strings the SDK requires of <c>clientInfo</c>.</summary>
    private static bool IsImplementation(ref Utf8JsonReader reader)
    {
        bool name = false, version = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isName = reader.ValueTextEquals("name"u8);
            var isVersion = reader.ValueTextEquals("version"u8);
            reader.Read();
            name |= isName && reader.TokenType == JsonTokenType.String;
            version |= isVersion && reader.TokenType == JsonTokenType.String;
            reader.Skip();
        }

        return name && version;
    }
}
