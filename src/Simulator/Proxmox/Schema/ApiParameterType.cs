namespace PveAgent.Simulator.Proxmox.Schema;

/// <summary>The JSON-schema type of an API parameter, as PVE checks it (common:<c>JSONSchema.pm</c> check_type).</summary>
internal enum ApiParameterType
{
    /// <summary>Any string; formats and patterns are checked separately.</summary>
    String,

    /// <summary><c>^-?\d+$</c>.</summary>
    Integer,

    /// <summary>A decimal number.</summary>
    Number,

    /// <summary><c>0</c> or <c>1</c> in form/query encoding; JSON bodies may use <c>true</c>/<c>false</c>.</summary>
    Boolean,
}
