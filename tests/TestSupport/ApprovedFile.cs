using Xunit.Sdk;

namespace PveAgent.TestSupport;

/// <summary>
/// Snapshot testing without the Verify library: compares text exactly with an approved file committed
/// under <c>tests/</c>. On a difference it writes <c>*.received.*</c> beside it and fails; run with
/// <c>PVEAGENT_APPROVE=1</c> to accept the received text.
/// </summary>
public static class ApprovedFile
{
    /// <summary>Asserts <paramref name="actual"/> equals the approved file at <paramref name="relativePath"/> (from the repository root).</summary>
    public static void Verify(string actual, string relativePath)
    {
        ArgumentNullException.ThrowIfNull(actual);
        var approvedPath = SharedFiles.InRepository(relativePath);
        var normalized = actual.ReplaceLineEndings("\n");
        var receivedPath = Path.ChangeExtension(approvedPath, ".received" + Path.GetExtension(approvedPath));

        if (Environment.GetEnvironmentVariable("PVEAGENT_APPROVE") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(approvedPath)!);
            File.WriteAllText(approvedPath, normalized);
            File.Delete(receivedPath);
            return;
        }

        if (!File.Exists(approvedPath))
        {
            File.WriteAllText(receivedPath, normalized);
            throw new XunitException($"No approved file {relativePath}. Review {receivedPath} and rerun with PVEAGENT_APPROVE=1 to accept it.");
        }

        var approved = File.ReadAllText(approvedPath).ReplaceLineEndings("\n");
        if (approved != normalized)
        {
            File.WriteAllText(receivedPath, normalized);
            throw new XunitException($"{relativePath} differs from what the code produces now ({FirstDifference(approved, normalized)}). " +
                $"Review {receivedPath}; if the change is intended rerun with PVEAGENT_APPROVE=1.");
        }

        File.Delete(receivedPath);
    }

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "<end of file>";
            var a = i < actualLines.Length ? actualLines[i] : "<end of file>";
            if (e != a)
            {
                return $"line {i + 1}: approved \"{e}\", received \"{a}\"";
            }
        }

        return "no line differs";
    }
}
