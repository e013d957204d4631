using System.Text.Json;
using PveAgent.TestSupport;

namespace PveAgent.Simulator.Tests.Inference;

/// <summary>The real samples under shared/fixtures.</summary>
internal static class Fixtures
{
    public static JsonElement Json(params string[] parts) =>
        JsonDocument.Parse(SharedFiles.ReadShared(["fixtures", .. parts])).RootElement.Clone();

    public static string Text(params string[] parts) => SharedFiles.ReadShared(["fixtures", .. parts]);
}
