using System.Globalization;

namespace PveAgent.Core.Registry;

/// <summary>One problem found in a configuration file: where it is, what is wrong and how to fix it.</summary>
public sealed record ConfigDiagnostic
{
    /// <summary>Error or warning.</summary>
    public required ConfigSeverity Severity { get; init; }

    /// <summary>The file as it was named to the loader, e.g. <c>cluster.yaml</c>.</summary>
    public required string File { get; init; }

    /// <summary>1-based line, or 0 when the problem concerns the whole file (e.g. it does not exist).</summary>
    public int Line { get; init; }

    /// <summary>1-based column, or 0 when <see cref="Line"/> is 0.</summary>
    public int Column { get; init; }

    /// <summary>What is wrong.</summary>
    public required string Message { get; init; }

    /// <summary>How to fix it, when there is something to say.</summary>
    public string? Hint { get; init; }

    /// <summary>True for <see cref="ConfigSeverity.Error"/>.</summary>
    public bool IsError => Severity == ConfigSeverity.Error;

    /// <summary>Compiler-style text: <c>cluster.yaml:12:5: error: unknown key 'acelerators' in node 'brian' — did you mean 'accelerators'?</c>.</summary>
    public override string ToString()
    {
        var where = Line > 0 ? string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}:{Column}") : File;
        var severity = Severity == ConfigSeverity.Error ? "error" : "warning";
        return Hint is null ? $"{where}: {severity}: {Message}" : $"{where}: {severity}: {Message} — {Hint}";
    }
}
