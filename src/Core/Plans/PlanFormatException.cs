namespace PveAgent.Core.Plans;

/// <summary>A saved plan or report is not valid JSON of the expected shape; the message names the place and the problem.</summary>
public sealed class PlanFormatException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public PlanFormatException()
        : this("The plan is not valid JSON of the expected shape.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public PlanFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception wrapping the JSON error.</summary>
    public PlanFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
