using System.Text.Json;
using PveAgent.Core.Telemetry.Wire;

namespace PveAgent.Core.Telemetry;

/// <summary>Parses <c>GET /v1/models</c> of OpenAI-compatible servers (vLLM, llama.cpp, whisper servers).</summary>
public static class OpenAiModelsParser
{
    /// <summary>Path of the endpoint.</summary>
    public const string Path = "/v1/models";

    /// <summary>The listed models; an error body or a body without <c>data</c> is a typed failure.</summary>
    public static ParseResult<IReadOnlyList<ServedModel>> Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var list = ReadModelList(json, Path);
        if (!list.Succeeded)
        {
            return ParseResult.Fail<IReadOnlyList<ServedModel>>(list.Failure);
        }

        return ParseResult.Success<IReadOnlyList<ServedModel>>(list.Value
            .Where(m => !string.IsNullOrEmpty(m.Id))
            .Select(m => new ServedModel
            {
                Id = m.Id!,
                OwnedBy = m.OwnedBy,
                Root = m.Root,
                Parent = m.Parent,
                MaxModelLength = m.MaxModelLen,
                TrainedContextLength = m.Meta?.NCtxTrain,
                ParameterCount = m.Meta?.NParams,
                SizeBytes = m.Meta?.Size,
                InputModalities = m.Architecture?.InputModalities ?? [],
                OutputModalities = m.Architecture?.OutputModalities ?? [],
            })
            .ToArray());
    }

    internal static ParseResult<IReadOnlyList<ModelCardDto>> ReadModelList(string json, string path)
    {
        if (ServiceErrorBody.Read(json) is { } error)
        {
            return ParseResult.Fail<IReadOnlyList<ModelCardDto>>(TelemetryFailureKind.ServiceError, $"{path} returned an error: {error}");
        }

        try
        {
            var dto = JsonSerializer.Deserialize(json, TelemetryJsonContext.Default.ModelListDto);
            return dto?.Data is null
                ? ParseResult.Fail<IReadOnlyList<ModelCardDto>>(
                    TelemetryFailureKind.MalformedOutput, $"{path} has no \"data\" list: is this an OpenAI-compatible server?")
                : ParseResult.Success<IReadOnlyList<ModelCardDto>>(dto.Data.Where(m => m is not null).ToArray());
        }
        catch (JsonException ex)
        {
            return ParseResult.Fail<IReadOnlyList<ModelCardDto>>(TelemetryFailureKind.MalformedOutput, $"{path} is not valid JSON: {ex.Message}");
        }
    }
}
