using PveAgent.Core.Scheduling;

namespace PveAgent.Core.Tests.Scheduling;

public sealed class VramPlacerTests
{
    [Fact]
    public void Place_OneDeviceModel_TakesTheTightestDeviceThatHoldsIt()
    {
        var chosen = VramPlacer.Place([20, 10, 24], [4, 4, 4], [24, 24, 24], [true, true, true], needGb: 8, minDevices: 1);

        Assert.Equal([1], Assert.IsType<int[]>(chosen));
    }

    [Fact]
    public void Place_ModelLargerThanOneDevice_IsSplitEvenlyOverTwo()
    {
        var chosen = VramPlacer.Place([24, 24, 24], [4, 4, 4], [24, 24, 24], [true, true, true], needGb: 40, minDevices: 1);

        Assert.Equal([0, 1], Assert.IsType<int[]>(chosen));
    }

    [Fact]
    public void Place_FragmentedNode_SpreadsOverMoreDevicesWhenTwoCannotHoldTheShares()
    {
        // 30 GB: two shares of 15 do not fit in 12 + 12 + 12, three shares of 10 do.
        var chosen = VramPlacer.Place([12, 12, 12], [4, 4, 4], [24, 24, 24], [true, true, true], needGb: 30, minDevices: 1);

        Assert.Equal([0, 1, 2], Assert.IsType<int[]>(chosen));
    }

    [Fact]
    public void Place_DevicesWithoutFreeSlotsOrOfAnotherFamily_AreNotUsed()
    {
        var chosen = VramPlacer.Place([24, 24, 24], [0, 4, 4], [24, 24, 24], [true, false, true], needGb: 5, minDevices: 1);

        Assert.Equal([2], Assert.IsType<int[]>(chosen));
    }

    [Fact]
    public void PlaceAll_LargestFirst_FitsWhatArrivalOrderWouldStrand()
    {
        double[] free = [10, 10];

        var placed = VramPlacer.PlaceAll(free, [10, 10], [4, 4, 6, 6]);

        Assert.All(placed, Assert.NotNull);
        Assert.Equal([0, 0], free, (a, b) => Math.Abs(a - b) < 1e-9);
        var arrivalOrder = new double[] { 10, 10 };
        var stranded = new[] { 4.0, 4, 6, 6 }.Select(need =>
        {
            var d = VramPlacer.Place(arrivalOrder, [9, 9], [10, 10], [true, true], need, 1);
            if (d is not null)
            {
                arrivalOrder[d[0]] -= need;
            }

            return d;
        }).Count(d => d is null);
        Assert.Equal(1, stranded);
    }
}
