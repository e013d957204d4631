namespace PveAgent.Kernel.Prompts;

/// <summary>A prompt file is missing or malformed; the message says which file and how to fix it.</summary>
public sealed class PromptException : Exception
{
    /// <summary>Creates an exception with a default message.</summary>
    public PromptException()
        : base("A prompt file is missing or malformed.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public PromptException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public PromptException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
