using System.Text;
using PveAgent.Mcp.Stdio;

namespace PveAgent.Mcp.Tests.Stdio;

public sealed class IncomingMessageTests
{
    private const string Initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{"elicitation":{}},"clientInfo":{"name":"claude-ai","version":"0.1.0"}}}""";

    [Fact]
    public void Parse_InitializeAsClientsSendIt_IsAPlainInitializeWithItsRevision()
    {
        var message = Parse(Initialize);

        Assert.True(message.IsPlainInitialize);
        Assert.Equal(("initialize", "2025-06-18", "1", false), (message.Method, message.ProtocolVersion, message.IdText, message.IdIsString));
        Assert.Equal("1", Encoding.UTF8.GetString(message.RawId!));
    }

    [Fact]
    public void Parse_StringIdWithAnEscape_KeepsItAsSentAndReadsItsText()
    {
        var message = Parse("""{"params":{},"method":"tools/list","id":"a\"b","jsonrpc":"2.0"}""");

        Assert.True(message.IsPlain);
        Assert.Equal(("tools/list", "a\"b", true), (message.Method, message.IdText, message.IdIsString));
        Assert.Equal("\"a\\\"b\"", Encoding.UTF8.GetString(message.RawId!));
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":2,"method":"tools/list","params":{"cursor":"abc"}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":2,"method":"tools/list","params":{"_meta":{"progressToken":1}}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":2.5,"method":"tools/list"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":null,"method":"tools/list"}""")]
    [InlineData("""{"jsonrpc":"1.0","id":2,"method":"tools/list"}""")]
    [InlineData("""{"id":2,"method":"tools/list"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":2,"result":{}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":2,"method":"tools/list","params":[]}""")]
    public void Parse_AnythingButThePlainShape_IsNotPlain(string line)
    {
        Assert.False(Parse(line).IsPlain);
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{}}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"x"}}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","clientInfo":{"name":"x","version":"1"}}}""")]
    [InlineData("""{"jsonrpc":"2.0","method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"x","version":"1"}}}""")]
    public void Parse_InitializeWithoutWhatTheSdkRequires_IsNotAPlainInitialize(string line)
    {
        Assert.False(Parse(line).IsPlainInitialize);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""[{"jsonrpc":"2.0","id":1,"method":"ping"}]""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":""")]
    [InlineData("not json")]
    public void Parse_NotAJsonObject_IsNull(string line)
    {
        Assert.Null(IncomingMessage.Parse(Encoding.UTF8.GetBytes(line)));
    }

    private static IncomingMessage Parse(string line) => IncomingMessage.Parse(Encoding.UTF8.GetBytes(line)) ?? throw new InvalidOperationException($"{line} did not parse");
}
