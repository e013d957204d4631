using PveAgent.Core.Registry;
using PveAgent.Core.Routing;

namespace PveAgent.Core.Tests.Routing;

public sealed class JobLoadTests
{
    [Fact]
    public void On_SameNodeAndFamilyTwice_AddsUpAndIgnoresCaseOfTheNodeName()
    {
        var jobs = new JobLoad([new(("brian", AcceleratorKind.Nvidia), 2), new(("Brian", AcceleratorKind.Nvidia), 1), new(("brian", AcceleratorKind.Cpu), 4)]);

        Assert.Equal(3, jobs.On("BRIAN", AcceleratorKind.Nvidia));
        Assert.Equal(4, jobs.On("brian", AcceleratorKind.Cpu));
        Assert.Equal(0, jobs.On("pve3", AcceleratorKind.Cpu));
    }

    [Fact]
    public void On_NegativeOrNonFiniteCounts_AreIgnored()
    {
        var jobs = new JobLoad([new(("a", AcceleratorKind.Cpu), -3), new(("a", AcceleratorKind.Cpu), double.NaN), new(("a", AcceleratorKind.Cpu), 1)]);

        Assert.Equal(1, jobs.On("a", AcceleratorKind.Cpu));
    }
}
