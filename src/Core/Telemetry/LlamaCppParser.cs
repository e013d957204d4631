using System.Text.Json;
using PveAgent.Core.Telemetry.Wire;

namespace PveAgent.Core.Telemetry;

/// <summary>Parses llama.cpp server endpoints: <c>/health</c>, router <c>/models</c> and <c>/slots</c>.</summary>
public static class LlamaCppParser
{
    /// <summary>Health endpoint path.</summary>
    public const string HealthPath = "/health";

    /// <summary>Router-mode model list path.</summary>
    public const string RouterModelsPath = "/models";

    /// <summary>Slots endpoint path.</summary>
    public const string SlotsPath = "/slots";

    /// <summary>Metrics endpoint path (only with <c>--metrics</c>).</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Reads a <c>/health</c> answer from its status code and body.</summary>
    public static LlamaCppHealth ParseHealth(int statusCode, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var message = ServiceErrorBody.Read(body) ?? StatusField(body);
        return statusCode switch
        {
            200 => new LlamaCppHealth(LlamaCppHealthStatus.Ok),
            503 => new LlamaCppHealth(LlamaCppHealthStatus.Loading, message ?? "Loading model"),
            _ => new LlamaCppHealth(LlamaCppHealthStatus.Error, message ?? $"HTTP {statusCode}"),
        };
    }

    /// <summary>The models of a router-mode server with their lifecycle state.</summary>
    public static ParseResult<IReadOnlyList<LlamaCppRouterModel>> ParseRouterModels(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var list = OpenAiModelsParser.ReadModelList(json, RouterModelsPath);
        if (!list.Succeeded)
        {
            return ParseResult.Fail<IReadOnlyList<LlamaCppRouterModel>>(list.Failure);
        }

        return ParseResult.Success<IReadOnlyList<LlamaCppRouterModel>>(list.Value
            .Where(m => !string.IsNullOrEmpty(m.Id))
            .Select(ReadRouterModel)
            .ToArray());
    }

    /// <summary>Slot count and busy slots (<c>is_processing</c>, or <c>state != 0</c> on older builds).</summary>
    public static ParseResult<LlamaCppSlots> ParseSlots(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (ServiceErrorBody.Read(json) is { } error)
        {
            return ParseResult.Fail<LlamaCppSlots>(TelemetryFailureKind.ServiceError, $"{SlotsPath} returned an error: {error}");
        }

        try
        {
            var slots = JsonSerializer.Deserialize(json, TelemetryJsonContext.Default.ListSlotDto);
            if (slots is null)
            {
                return ParseResult.Fail<LlamaCppSlots>(TelemetryFailureKind.MalformedOutput, $"{SlotsPath} is empty.");
            }

            return ParseResult.Success(new LlamaCppSlots
            {
                Total = slots.Count,
                Busy = slots.Count(s => s.IsProcessing ?? (s.State is > 0)),
                ContextSize = slots.Select(s => s.NCtx).Where(n => n is not null).Max(),
            });
        }
        catch (JsonException ex)
        {
            return ParseResult.Fail<LlamaCppSlots>(TelemetryFailureKind.MalformedOutput, $"{SlotsPath} is not valid JSON: {ex.Message}");
        }
    }

    private static LlamaCppRouterModel ReadRouterModel(ModelCardDto card)
    {
        string? raw = null;
        var failed = false;
        int? exitCode = null;
        double? progress = null;
        if (card.Status is { } status)
        {
            if (status.ValueKind == JsonValueKind.String)
            {
                raw = status.GetString();
            }
            else if (status.ValueKind == JsonValueKind.Object)
            {
                raw = status.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                failed = status.TryGetProperty("failed", out var f) && f.ValueKind == JsonValueKind.True;
                exitCode = status.TryGetProperty("exit_code", out var code) && code.TryGetInt32(out var c) ? c : null;
                progress = DownloadProgress(status);
            }
        }

        return new LlamaCppRouterModel
        {
            Id = card.Id!,
            Path = card.Path,
            RawStatus = raw,
            Status = raw?.ToLowerInvariant() switch
            {
                "unloaded" => LlamaCppModelStatus.Unloaded,
                "loading" => LlamaCppModelStatus.Loading,
                "loaded" => LlamaCppModelStatus.Loaded,
                "sleeping" => LlamaCppModelStatus.Sleeping,
                "downloading" => LlamaCppModelStatus.Downloading,
                _ => LlamaCppModelStatus.Unknown,
            },
            Failed = failed,
            ExitCode = exitCode,
            DownloadProgress = progress,
        };
    }

    // "progress": {"<url>": {"done": n, "total": m}, …} — one entry per file being fetched.
    private static double? DownloadProgress(JsonElement status)
    {
        if (!status.TryGetProperty("progress", out var progress) || progress.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        double done = 0, total = 0;
        foreach (var file in progress.EnumerateObject().Select(p => p.Value).Where(v => v.ValueKind == JsonValueKind.Object))
        {
            done += file.TryGetProperty("done", out var d) && d.TryGetDouble(out var dv) ? dv : 0;
            total += file.TryGetProperty("total", out var t) && t.TryGetDouble(out var tv) ? tv : 0;
        }

        return total > 0 ? done / total : null;
    }

    private static string? StatusField(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("status", out var status)
                && status.ValueKind == JsonValueKind.String
                ? status.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
