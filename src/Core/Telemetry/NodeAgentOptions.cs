namespace PveAgent.Core.Telemetry;

/// <summary>Settings of the node agent's request handler.</summary>
public sealed class NodeAgentOptions
{
    /// <summary>Shortest accepted token: long enough that guessing it over the network is hopeless.</summary>
    public const int MinimumTokenLength = 16;

    /// <summary>The shared secret clients must send as a bearer token (at least 16 characters); never printed.</summary>
    public required string Token
    {
        get;
        init
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            if (value.Length < MinimumTokenLength)
            {
                throw new ArgumentException(
                    $"The node agent token must be at least {MinimumTokenLength} characters; generate one with `openssl rand -hex 32`.",
                    nameof(value));
            }

            field = value;
        }
    }

    /// <summary>How long a tool may run (default 15 s, 1 s–5 min).</summary>
    public TimeSpan ToolTimeout
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.FromSeconds(1));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, TimeSpan.FromMinutes(5));
            field = value;
        }
    } = TimeSpan.FromSeconds(15);

    /// <summary>nvidia-smi executable (default <c>nvidia-smi</c> on PATH).</summary>
    public string NvidiaSmiExecutable { get; init; } = ToolOutputs.NvidiaSmi;

    /// <summary>tt-smi executable (default <c>tt-smi</c> on PATH).</summary>
    public string TtSmiExecutable { get; init; } = ToolOutputs.TtSmi;

    /// <inheritdoc />
    public override string ToString() =>
        $"NodeAgentOptions {{ Token = ***, ToolTimeout = {ToolTimeout}, NvidiaSmiExecutable = {NvidiaSmiExecutable}, TtSmiExecutable = {TtSmiExecutable} }}";
}
