using System.Runtime.CompilerServices;
using System.Text;

namespace PveAgent.Core.Execution;

/// <summary>Reads <c>text/event-stream</c> bodies and NDJSON bodies line by line as they arrive.</summary>
internal static class ServerSentEvents
{
    /// <summary>
    /// The events of an SSE stream: each event's <c>data:</c> lines joined with newlines, dispatched at the blank line
    /// that ends it (or at the end of the stream). llama.cpp reports a failure as an <c>error:</c> line, which is returned
    /// at once with <see cref="SseEvent.IsError"/> set. Comments and <c>event:</c>/<c>id:</c>/<c>retry:</c> fields are ignored.
    /// </summary>
    public static async IAsyncEnumerable<SseEvent> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var data = new StringBuilder();
        var pending = false;
        await foreach (var line in ReadLinesAsync(stream, cancellationToken).ConfigureAwait(false))
        {
            if (line.Length == 0)
            {
                if (pending)
                {
                    yield return new SseEvent(data.ToString(), IsError: false);
                    data.Clear();
                    pending = false;
                }

                continue;
            }

            if (line[0] == ':')
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..];
            if (value.StartsWith(' '))
            {
                value = value[1..];
            }

            if (field == "data")
            {
                if (pending)
                {
                    data.Append('\n');
                }

                data.Append(value);
                pending = true;
            }
            else if (field == "error")
            {
                yield return new SseEvent(value, IsError: true);
            }
        }

        if (pending)
        {
            yield return new SseEvent(data.ToString(), IsError: false);
        }
    }

    /// <summary>The lines of a body as they arrive (without line ends).</summary>
    public static async IAsyncEnumerable<string> ReadLinesAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: true);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            yield return line;
        }
    }
}

/// <summary>One server-sent event: its data, or an error reported by the server.</summary>
internal readonly record struct SseEvent(string Data, bool IsError);
