namespace PveAgent.Simulator.Inference;

/// <summary>The answer of a server that is not there: the TCP connection is refused (or reset mid-request).</summary>
internal static class Refused
{
    // The status is never seen by a client; 503 is what an engine that ignored the flag should report.
    public static SimResponse Response { get; } = new() { Status = 503, ConnectionRefused = true };
}
