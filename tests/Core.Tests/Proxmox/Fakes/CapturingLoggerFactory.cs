using Microsoft.Extensions.Logging;

namespace PveAgent.Core.Tests.Proxmox.Fakes;

/// <summary>Keeps every log entry of every category, with its structured properties, so tests can inspect what was logged.</summary>
public sealed class CapturingLoggerFactory : ILoggerFactory
{
    private readonly List<LogEntry> _entries = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>Every message, property value and exception text ever logged, for searching.</summary>
    public string AllText => string.Join("\n", Entries.Select(e => $"{e.Level} {e.Message} {string.Join(" ", e.Properties)} {e.Exception}"));

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public ILogger<T> CreateLogger<T>() => new Logger<T>(this);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }

    private void Add(LogEntry entry)
    {
        lock (_gate)
        {
            _entries.Add(entry);
        }
    }

    private sealed class CapturingLogger(CapturingLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.Select(p => $"{p.Key}={p.Value}").ToList()
                : [];
            owner.Add(new LogEntry(category, logLevel, formatter(state, exception), properties, exception?.ToString()));
        }
    }
}

public sealed record LogEntry(string Category, LogLevel Level, string Message, IReadOnlyList<string> Properties, string? Exception);
