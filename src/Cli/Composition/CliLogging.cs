using Microsoft.Extensions.Logging;
using PveAgent.Core.Security;
using Serilog;
using Serilog.Events;

namespace PveAgent.Cli.Composition;

/// <summary>
/// Logging for one CLI run (Serilog behind Microsoft.Extensions.Logging): warnings — everything with <c>--verbose</c> — to
/// stderr, information and up to a daily file under the state directory's <c>logs/</c>, every line through the
/// <see cref="RedactingSink"/>.
/// </summary>
internal sealed class CliLogging : IDisposable
{
    private readonly Serilog.Core.Logger _logger;
    private readonly Serilog.Core.Logger? _file;

    private CliLogging(Serilog.Core.Logger logger, Serilog.Core.Logger? file, ILoggerFactory factory)
    {
        _logger = logger;
        _file = file;
        Factory = factory;
    }

    public ILoggerFactory Factory { get; }

    public static CliLogging Create(SecretRedactor redactor, TextWriter stderr, bool verbose, string? logDirectory)
    {
        var file = logDirectory is null
            ? null
            : new LoggerConfiguration()
                .MinimumLevel.Verbose()
                .WriteTo.File(
                    Path.Combine(logDirectory, "pve-agent-.log"),
                    rollingInterval: RollingInterval.Day,
                    retainedFileCountLimit: 7,
                    outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}",
                    formatProvider: System.Globalization.CultureInfo.InvariantCulture)
                .CreateLogger();
        var minimum = verbose ? LogEventLevel.Debug : LogEventLevel.Information;
        var logger = new LoggerConfiguration()
            .MinimumLevel.Is(minimum)
            .WriteTo.Sink(new RedactingSink(redactor, stderr, verbose ? LogEventLevel.Debug : LogEventLevel.Warning, file))
            .CreateLogger();
        var factory = LoggerFactory.Create(builder => builder
            .SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Information)
            .AddSerilog(logger, dispose: false));
        return new CliLogging(logger, file, factory);
    }

    public void Dispose()
    {
        Factory.Dispose();
        _logger.Dispose();
        _file?.Dispose();
    }
}
