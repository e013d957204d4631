using PveAgent.Core.Proxmox;

namespace PveAgent.Core.Tests.Proxmox;

public sealed class TaskExitStatusTests
{
    [Theory]
    [InlineData("OK", true, false)]
    [InlineData("WARNINGS: 1", true, true)]
    [InlineData("WARNINGS: 42", true, true)]
    [InlineData("WARNINGS: many", false, false)]
    [InlineData("WARNINGS: 1 ", false, false)]
    [InlineData("ok", false, false)]
    [InlineData("migration aborted", false, false)]
    [InlineData("unexpected status", false, false)]
    [InlineData("", false, false)]
    [InlineData(null, false, false)]
    public void IsSuccess_FollowsPveCommonsRule(string? exitStatus, bool success, bool warnings)
    {
        Assert.Equal(success, TaskExitStatus.IsSuccess(exitStatus));
        Assert.Equal(warnings, TaskExitStatus.HasWarnings(exitStatus));
    }
}
