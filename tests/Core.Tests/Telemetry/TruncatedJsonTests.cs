using System.Text.Json;

namespace PveAgent.Core.Tests.Telemetry;

public sealed class TruncatedJsonTests
{
    [Fact]
    public void Repair_CutsAfterTheLastCompleteMemberAndClosesContainers()
    {
        var repaired = TruncatedJson.Repair("""{"a": [1, 2, {"b": "x,y", "c": tru[... truncated ...]""");

        Assert.Equal("""{"a": [1, 2, {"b": "x,y"}]}""", repaired);
        using var document = JsonDocument.Parse(repaired);
        Assert.Equal(3, document.RootElement.GetProperty("a").GetArrayLength());
    }

    [Fact]
    public void Repair_CompleteDocument_IsReturnedUnchanged()
    {
        Assert.Equal("""{"a": {"b": 1}}""", TruncatedJson.Repair("""prefix {"a": {"b": 1}} suffix"""));
    }
}
