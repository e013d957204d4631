using System.Text.Json.Serialization;

namespace PveAgent.Cli.Output;

/// <summary>Source-generated JSON for everything the CLI prints with <c>--json</c> (snake_case, indented).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(StatusDocument))]
[JsonSerializable(typeof(RouteDocument))]
[JsonSerializable(typeof(RunDocument))]
[JsonSerializable(typeof(Dictionary<string, string?>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
