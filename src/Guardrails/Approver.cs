namespace PveAgent.Guardrails;

/// <summary>Who approved a plan (recorded in the audit log).</summary>
public enum Approver
{
    /// <summary>A person answered the y/N prompt.</summary>
    Person,

    /// <summary><c>--yes</c> on the command line, standing in for a person where the policy permits unattended runs.</summary>
    Unattended,

    /// <summary>A person confirmed through the MCP client's elicitation dialog.</summary>
    McpElicitation,
}
