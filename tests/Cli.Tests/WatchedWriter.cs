namespace PveAgent.Cli.Tests;

/// <summary>A stdout that completes <see cref="Seen"/> as soon as a line containing the watched text is written.</summary>
public sealed class WatchedWriter(string watchFor) : StringWriter
{
    private readonly TaskCompletionSource _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Seen => _seen.Task;

    public override void WriteLine(string? value)
    {
        base.WriteLine(value);
        Check(value);
    }

    public override Task WriteLineAsync(string? value)
    {
        base.WriteLine(value);
        Check(value);
        return Task.CompletedTask;
    }

    private void Check(string? value)
    {
        if (value?.Contains(watchFor, StringComparison.Ordinal) == true)
        {
            _seen.TrySetResult();
        }
    }
}
