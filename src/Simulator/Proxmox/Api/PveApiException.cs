namespace PveAgent.Simulator.Proxmox.Api;

/// <summary>
/// An error the simulated API answers with: the HTTP status, PVE's message (reason phrase and body <c>message</c>) and,
/// for 400, the per-parameter <c>errors</c> object.
/// </summary>
/// <remarks>Thrown from deep inside handlers and caught once in <see cref="ProxmoxApiSimulator"/>; never leaves the simulator.</remarks>
internal sealed class PveApiException : Exception
{
    /// <summary>Creates an error answer.</summary>
    public PveApiException(int status, string message, IReadOnlyDictionary<string, string>? errors = null)
        : base(message)
    {
        Status = status;
        Errors = errors;
    }

    /// <summary>HTTP status (400, 500, 595 …).</summary>
    public int Status { get; }

    /// <summary>Per-parameter errors for 400 answers.</summary>
    public IReadOnlyDictionary<string, string>? Errors { get; }

    /// <summary>A 500 with a message, the way PVE answers any <c>die</c>.</summary>
    public static PveApiException Fail(string message) => new(500, message);

    /// <summary>A 400 "Parameter verification failed." for one parameter.</summary>
    public static PveApiException Parameter(string name, string message) =>
        new(400, "Parameter verification failed.", new Dictionary<string, string>(StringComparer.Ordinal) { [name] = message });
}
