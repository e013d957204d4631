namespace PveAgent.Core.Plans;

/// <summary>Outcome of checking one precondition.</summary>
public sealed record PreconditionCheck(bool Holds, string Detail)
{
    /// <summary>The fact holds.</summary>
    public static PreconditionCheck Ok(string detail) => new(true, detail);

    /// <summary>The fact no longer holds; <paramref name="detail"/> says what is there instead.</summary>
    public static PreconditionCheck Fails(string detail) => new(false, detail);
}
