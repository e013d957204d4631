using System.Text.Json;

namespace PveAgent.Kernel.Tests.Fakes;

/// <summary>A request a fake server received, so tests assert what the client sent.</summary>
public sealed record RecordedRequest(string Method, string Path, string Body, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>The body parsed as JSON.</summary>
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();
}
