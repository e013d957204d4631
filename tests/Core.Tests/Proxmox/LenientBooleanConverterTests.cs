using System.Text.Json;
using PveAgent.Core.Proxmox.Json;

namespace PveAgent.Core.Tests.Proxmox;

public sealed class LenientBooleanConverterTests
{
    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("2", true)]
    [InlineData("\"1\"", true)]
    [InlineData("\"0\"", false)]
    [InlineData("\"true\"", true)]
    [InlineData("\"False\"", false)]
    [InlineData("\"\"", false)]
    public void Read_EveryShapePerlEmits_IsABoolean(string json, bool expected)
    {
        var status = JsonSerializer.Deserialize($$$"""{"data":{"name":"x","status":"running","vmid":100,"agent":{{{json}}}}}""", PveJsonContext.Default.GuestStatusEnvelope);

        Assert.Equal(expected, status!.Data!.Agent);
    }

    [Fact]
    public void Read_Null_LeavesANullableBooleanNull()
    {
        var status = JsonSerializer.Deserialize("""{"data":{"status":"running","vmid":100,"agent":null}}""", PveJsonContext.Default.GuestStatusEnvelope);

        Assert.Null(status!.Data!.Agent);
    }

    [Theory]
    [InlineData("\"maybe\"")]
    [InlineData("[]")]
    public void Read_SomethingElse_IsAJsonError(string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize($$$"""{"data":{"status":"running","vmid":100,"agent":{{{json}}}}}""", PveJsonContext.Default.GuestStatusEnvelope));
    }

    [Fact]
    public void MissingFields_StayNullOrDefault()
    {
        var status = JsonSerializer.Deserialize("""{"data":{"status":"stopped","vmid":"105"}}""", PveJsonContext.Default.GuestStatusEnvelope)!.Data!;

        Assert.Equal(105, status.VmId);
        Assert.Null(status.Agent);
        Assert.Null(status.Ha);
        Assert.Null(status.Uptime);
        Assert.False(status.IsRunning);
    }
}
