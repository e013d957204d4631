using System.Text.Json;
using PveAgent.Core.Telemetry.Wire;

namespace PveAgent.Core.Telemetry;

/// <summary>Parses Ollama's <c>/api/ps</c>, <c>/api/tags</c>, <c>/api/version</c> and error bodies.</summary>
public static class OllamaParser
{
    /// <summary>Path of the loaded-models endpoint.</summary>
    public const string PsPath = "/api/ps";

    /// <summary>Path of the installed-models endpoint.</summary>
    public const string TagsPath = "/api/tags";

    /// <summary>Path of the version endpoint.</summary>
    public const string VersionPath = "/api/version";

    /// <summary>Models resident in memory; <c>{"models":[]}</c> is an empty list.</summary>
    public static ParseResult<IReadOnlyList<OllamaLoadedModel>> ParseLoadedModels(string json) =>
        ParseList(json, PsPath, m => new OllamaLoadedModel
        {
            Name = m.Name ?? m.Model ?? string.Empty,
            SizeBytes = m.Size,
            VramBytes = m.SizeVram,
            ExpiresAt = m.ExpiresAt,
            ContextLength = m.ContextLength,
            ParameterSize = m.Details?.ParameterSize,
            QuantizationLevel = m.Details?.QuantizationLevel,
        });

    /// <summary>Models on disk.</summary>
    public static ParseResult<IReadOnlyList<OllamaInstalledModel>> ParseInstalledModels(string json) =>
        ParseList(json, TagsPath, m => new OllamaInstalledModel
        {
            Name = m.Name ?? m.Model ?? string.Empty,
            SizeBytes = m.Size,
            ModifiedAt = m.ModifiedAt,
            Family = m.Details?.Family,
            ParameterSize = m.Details?.ParameterSize,
            QuantizationLevel = m.Details?.QuantizationLevel,
        });

    /// <summary>The server version string, e.g. <c>0.5.1</c>.</summary>
    public static ParseResult<string> ParseVersion(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (ServiceErrorBody.Read(json) is { } error)
        {
            return ParseResult.Fail<string>(TelemetryFailureKind.ServiceError, $"Ollama {VersionPath} returned an error: {error}");
        }

        try
        {
            var dto = JsonSerializer.Deserialize(json, TelemetryJsonContext.Default.OllamaVersionDto);
            return string.IsNullOrWhiteSpace(dto?.Version)
                ? ParseResult.Fail<string>(TelemetryFailureKind.MalformedOutput, $"Ollama {VersionPath} has no \"version\".")
                : ParseResult.Success(dto.Version);
        }
        catch (JsonException ex)
        {
            return ParseResult.Fail<string>(TelemetryFailureKind.MalformedOutput, $"Ollama {VersionPath} is not valid JSON: {ex.Message}");
        }
    }

    /// <summary>The message of an Ollama error body (<c>{"error":"…"}</c>, also the OpenAI-style nested form), or null.</summary>
    public static string? ReadError(string body) => ServiceErrorBody.Read(body);

    private static ParseResult<IReadOnlyList<T>> ParseList<T>(string json, string path, Func<OllamaModelDto, T> map)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(json);
        if (ServiceErrorBody.Read(json) is { } error)
        {
            return ParseResult.Fail<IReadOnlyList<T>>(TelemetryFailureKind.ServiceError, $"Ollama {path} returned an error: {error}");
        }

        try
        {
            var dto = JsonSerializer.Deserialize(json, TelemetryJsonContext.Default.OllamaModelListDto);
            if (dto?.Models is null)
            {
                return ParseResult.Fail<IReadOnlyList<T>>(
                    TelemetryFailureKind.MalformedOutput, $"Ollama {path} has no \"models\" list: is this an Ollama server?");
            }

            return ParseResult.Success<IReadOnlyList<T>>(dto.Models.Where(m => m is not null).Select(map).ToArray());
        }
        catch (JsonException ex)
        {
            return ParseResult.Fail<IReadOnlyList<T>>(TelemetryFailureKind.MalformedOutput, $"Ollama {path} is not valid JSON: {ex.Message}");
        }
    }
}
