using PveAgent.Core.Security;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace PveAgent.Cli.Composition;

/// <summary>
/// The last stop before any log line is written: renders the event, masks every secret the <see cref="SecretRedactor"/>
/// knows (and anything shaped like a token), then writes it to stderr (from a minimum level) and to the file logger.
/// Exceptions are rendered and masked too, since their messages can carry what a caller passed in.
/// </summary>
internal sealed class RedactingSink(SecretRedactor redactor, TextWriter stderr, LogEventLevel stderrMinimum, Serilog.ILogger? file) : ILogEventSink
{
    private static readonly MessageTemplateParser Parser = new();
    private readonly Lock _stderrGate = new();

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        var text = redactor.Redact(Render(logEvent));
        if (logEvent.Exception is { } exception)
        {
            text += Environment.NewLine + redactor.Redact(exception.ToString());
        }

        if (logEvent.Level >= stderrMinimum)
        {
            lock (_stderrGate)
            {
                stderr.WriteLine($"{Label(logEvent.Level)}: {text}");
            }
        }

        if (file is not null)
        {
            var properties = logEvent.Properties
                .Where(p => p.Key == "SourceContext")
                .Select(p => new LogEventProperty(p.Key, p.Value));
            var template = Parser.Parse(text.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));
            file.Write(new LogEvent(logEvent.Timestamp, logEvent.Level, exception: null, template, properties));
        }
    }

    // Like LogEvent.RenderMessage, but strings appear as they are, not in quotes.
    private static string Render(LogEvent logEvent)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var token in logEvent.MessageTemplate.Tokens)
        {
            if (token is PropertyToken property && logEvent.Properties.TryGetValue(property.PropertyName, out var value))
            {
                builder.Append(value is ScalarValue { Value: string text } ? text : value.ToString(null, System.Globalization.CultureInfo.InvariantCulture));
            }
            else if (token is TextToken literal)
            {
                builder.Append(literal.Text);
            }
            else
            {
                builder.Append(token.ToString());
            }
        }

        return builder.ToString();
    }

    private static string Label(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose or LogEventLevel.Debug => "debug",
        LogEventLevel.Information => "info",
        LogEventLevel.Warning => "warning",
        _ => "error",
    };
}
