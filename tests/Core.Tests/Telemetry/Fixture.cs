using PveAgent.TestSupport;

namespace PveAgent.Core.Tests.Telemetry;

/// <summary>Reads the real wire samples: ../shared/fixtures and the ones under tests/Core.Tests/Telemetry/Fixtures.</summary>
internal static class Fixture
{
    public static string Shared(params string[] parts) => SharedFiles.ReadShared(["fixtures", .. parts]);

    public static string SharedPath(params string[] parts) => SharedFiles.Shared(["fixtures", .. parts]);

    public static string Local(params string[] parts) => File.ReadAllText(LocalPath(parts));

    public static string LocalPath(params string[] parts) =>
        SharedFiles.InRepository(["tests", "Core.Tests", "Telemetry", "Fixtures", .. parts]);

    /// <summary>The text of an excerpt file without its leading <c>#</c> provenance lines.</summary>
    public static string WithoutCommentLines(string text) =>
        string.Join('\n', text.Split('\n').Where(l => !l.TrimStart().StartsWith('#')));
}
