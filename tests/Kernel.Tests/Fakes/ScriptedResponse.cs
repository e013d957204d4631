namespace PveAgent.Kernel.Tests.Fakes;

/// <summary>One answer a fake server gives: status, content type, and the body written part by part.</summary>
public sealed record ScriptedResponse(int Status, string ContentType, IReadOnlyList<ResponsePart> Parts)
{
    /// <summary>A whole JSON body.</summary>
    public static ScriptedResponse Json(string body, int status = 200) =>
        new(status, "application/json; charset=utf-8", [new ResponsePart(body)]);
}

/// <summary>
/// A piece of a response body. The server waits for <see cref="WaitFor"/> before writing it, flushes after it, and
/// drops the connection instead when <see cref="AbortConnection"/> is set.
/// </summary>
public sealed record ResponsePart(string Text, Task? WaitFor = null, bool AbortConnection = false);
