using PveAgent.Simulator.Inference;

namespace PveAgent.Simulator.Tests.Inference;

/// <summary>A hand-written power view: everything runs unless a test stops a guest or takes a node offline.</summary>
internal sealed class FakePower : IGuestPowerView, IGuestUptimeView
{
    public HashSet<int> StoppedGuests { get; } = [];

    public HashSet<string> OfflineNodes { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Guest start times to report through <see cref="IGuestUptimeView"/> (none by default).</summary>
    public Dictionary<int, DateTimeOffset> StartedAt { get; } = [];

    public bool IsGuestRunning(int vmId) => !StoppedGuests.Contains(vmId);

    public bool IsNodeOnline(string node) => !OfflineNodes.Contains(node);

    public string? NodeOfGuest(int vmId) => null;

    public DateTimeOffset? GuestRunningSince(int vmId) => StartedAt.TryGetValue(vmId, out var at) ? at : null;
}
