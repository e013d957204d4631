using System.Text;

namespace PveAgent.Simulator.Inference;

/// <summary>One field of a <c>multipart/form-data</c> body.</summary>
internal sealed record MultipartPart(string Name, string? FileName, string? ContentType, ReadOnlyMemory<byte> Data)
{
    public string Text => Encoding.UTF8.GetString(Data.Span);
}

/// <summary>A minimal <c>multipart/form-data</c> reader (RFC 7578) for the audio upload endpoint.</summary>
internal static class MultipartForm
{
    /// <summary>The parts of the body, or null when the content type has no boundary or the body is not multipart.</summary>
    public static IReadOnlyList<MultipartPart>? Parse(ReadOnlyMemory<byte> body, string? contentType)
    {
        if (contentType is null || !contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var boundary = Parameter(contentType, "boundary");
        if (string.IsNullOrEmpty(boundary))
        {
            return null;
        }

        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var span = body.Span;
        var start = span.IndexOf(delimiter);
        if (start < 0)
        {
            return null;
        }

        var parts = new List<MultipartPart>();
        var position = start + delimiter.Length;
        while (position < span.Length)
        {
            // "--" after a delimiter closes the body.
            if (span[position..].StartsWith("--"u8))
            {
                break;
            }

            position += SkipLineBreak(span[position..]);
            var headerEnd = span[position..].IndexOf("\r\n\r\n"u8);
            if (headerEnd < 0)
            {
                return null;
            }

            var headers = Encoding.UTF8.GetString(span.Slice(position, headerEnd));
            var dataStart = position + headerEnd + 4;
            var next = span[dataStart..].IndexOf(delimiter);
            if (next < 0)
            {
                return null;
            }

            var dataEnd = dataStart + next;
            // The CRLF before the next delimiter belongs to the delimiter.
            if (dataEnd - dataStart >= 2 && span[dataEnd - 2] == '\r' && span[dataEnd - 1] == '\n')
            {
                dataEnd -= 2;
            }

            string? name = null, fileName = null, partType = null;
            foreach (var line in headers.Split("\r\n"))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon < 0)
                {
                    continue;
                }

                var header = line[..colon].Trim();
                var value = line[(colon + 1)..].Trim();
                if (header.Equals("Content-Disposition", StringComparison.OrdinalIgnoreCase))
                {
                    name = Parameter(value, "name");
                    fileName = Parameter(value, "filename");
                }
                else if (header.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    partType = value;
                }
            }

            if (name is not null)
            {
                parts.Add(new MultipartPart(name, fileName, partType, body[dataStart..dataEnd]));
            }

            position = dataStart + next + delimiter.Length;
        }

        return parts;
    }

    private static int SkipLineBreak(ReadOnlySpan<byte> span) =>
        span.StartsWith("\r\n"u8) ? 2 : span.Length > 0 && span[0] == '\n' ? 1 : 0;

    private static string? Parameter(string header, string name)
    {
        foreach (var piece in header.Split(';'))
        {
            var trimmed = piece.Trim();
            var equals = trimmed.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && trimmed[..equals].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return trimmed[(equals + 1)..].Trim().Trim('"');
            }
        }

        return null;
    }
}
