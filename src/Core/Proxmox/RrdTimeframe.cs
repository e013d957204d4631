namespace PveAgent.Core.Proxmox;

/// <summary>Time span of RRD statistics (<c>timeframe</c> of <c>GET /nodes/{node}/rrddata</c>).</summary>
public enum RrdTimeframe
{
    /// <summary>The last hour (one point per minute).</summary>
    Hour,

    /// <summary>The last day.</summary>
    Day,

    /// <summary>The last week.</summary>
    Week,

    /// <summary>The last month.</summary>
    Month,

    /// <summary>The last year.</summary>
    Year,

    /// <summary>The last ten years (PVE 9+ only).</summary>
    Decade,
}
