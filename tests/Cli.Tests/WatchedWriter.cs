namespace PveAgent.Cli.Tests;

/// <summary>A stdout that completes <see cref="Seen"/> as soon as the watched text has been written (by any Write overload).</summary>
public sealed class WatchedWriter(string watchFor) : StringWriter
{
    private readonly TaskCompletionSource _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Seen => _seen.Task;

    public override void Write(char value)
    {
        base.Write(value);
        Check();
    }

    public override void Write(string? value)
    {
        base.Write(value);
        Check();
    }

    public override void Write(char[] buffer, int index, int count)
    {
        base.Write(buffer, index, count);
        Check();
    }

    public override void WriteLine(string? value)
    {
        base.WriteLine(value);
        Check();
    }

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    private void Check()
    {
        if (!_seen.Task.IsCompleted && GetStringBuilder().ToString().Contains(watchFor, StringComparison.Ordinal))
        {
            _seen.TrySetResult();
        }
    }
}
