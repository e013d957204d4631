namespace PveAgent.Plugins.Tests;

/// <summary>One simulated lab shared by the tests of a class that only plan (planning never changes the cluster).</summary>
public sealed class LabFixture : IDisposable
{
    internal SimulatedLab Lab { get; } = SimulatedLab.Start();

    public void Dispose() => Lab.Dispose();
}
