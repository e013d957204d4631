using System.Text.Encodings.Web;
using System.Text.Json;

namespace PveAgent.Cli.Output;

/// <summary>The JSON context for <c>--json</c> output with an encoder that writes text as people typed it (no \u0027 for ').</summary>
internal static class CliJson
{
    public static CliJsonContext Context { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        // Output goes to a terminal or a script, never into HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
