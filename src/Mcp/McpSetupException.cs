namespace PveAgent.Mcp;

/// <summary>
/// Something a person must fix before the server can work (an unusable <c>cluster.yaml</c>, a missing token); its
/// message, written for people, is what the MCP client is shown.
/// </summary>
public sealed class McpSetupException : Exception
{
    /// <summary>Creates the exception.</summary>
    public McpSetupException()
        : this("The MCP server is not set up.")
    {
    }

    /// <summary>Creates the exception with what is wrong and how to fix it.</summary>
    public McpSetupException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with what is wrong and how to fix it, and the cause.</summary>
    public McpSetupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
