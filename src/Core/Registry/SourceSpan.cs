namespace PveAgent.Core.Registry;

/// <summary>A stretch of a configuration file: from a key (or list item) to the end of its value; lines and columns are 1-based.</summary>
/// <param name="Line">Line where the entry starts.</param>
/// <param name="Column">Column where the entry starts.</param>
/// <param name="EndLine">Line where the value ends.</param>
/// <param name="EndColumn">Column just after the last character of the value.</param>
public sealed record SourceSpan(int Line, int Column, int EndLine, int EndColumn);
