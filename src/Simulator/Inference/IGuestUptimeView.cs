namespace PveAgent.Simulator.Inference;

/// <summary>
/// Optional extension of <see cref="IGuestPowerView"/>: when the power view also implements it, a resident server's
/// model load is timed from the guest's real start; otherwise from the first moment the inference simulator sees the
/// guest running.
/// </summary>
public interface IGuestUptimeView
{
    /// <summary>When the guest last started, or null when it is not running or the time is unknown.</summary>
    DateTimeOffset? GuestRunningSince(int vmId);
}
