using System.Text;
using PveAgent.Mcp.Stdio;

namespace PveAgent.Mcp.Tests.Stdio;

public sealed class PrefixedStreamTests
{
    [Fact]
    public async Task Read_YieldsThePrefixThenTheRest()
    {
        using var stream = new PrefixedStream("first\n"u8.ToArray(), new MemoryStream("second\n"u8.ToArray()));
        using var reader = new StreamReader(stream, Encoding.UTF8);

        Assert.Equal("first\nsecond\n", await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task ReadAsync_RestThatIgnoresTheToken_StillEndsWhenCancelled()
    {
        var never = new System.IO.Pipelines.Pipe();
        using var stream = new PrefixedStream([], new IgnoresTokens(never.Reader.AsStream()));
        using var cancel = new CancellationTokenSource();

        var read = stream.ReadAsync(new byte[16], cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
    }

    /// <summary>A stream whose reads ignore their token, as console streams' do.</summary>
    private sealed class IgnoresTokens(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, CancellationToken.None);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
