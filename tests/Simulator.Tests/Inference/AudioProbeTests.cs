using System.Buffers.Binary;
using PveAgent.Simulator.Inference;

namespace PveAgent.Simulator.Tests.Inference;

public sealed class AudioProbeTests
{
    [Fact]
    public void DurationSeconds_SkipsChunksBeforeTheData()
    {
        // fmt (8 kHz mono 16-bit = 16000 B/s), a LIST chunk, then 48000 bytes of data: 3 s.
        var wav = new List<byte>();
        wav.AddRange("RIFF\0\0\0\0WAVE"u8.ToArray());
        wav.AddRange(Chunk("fmt ", Format(8000, 1, 16)));
        wav.AddRange(Chunk("LIST", new byte[27]));
        wav.AddRange(Chunk("data", new byte[48_000]));

        Assert.Equal(3.0, AudioProbe.DurationSeconds(wav.ToArray()), 6);
    }

    [Fact]
    public void DurationSeconds_OfAStreamedWavWithoutDataSize_RunsToTheEndOfTheFile()
    {
        var wav = new List<byte>();
        wav.AddRange("RIFF"u8.ToArray());
        wav.AddRange(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF });
        wav.AddRange("WAVE"u8.ToArray());
        wav.AddRange(Chunk("fmt ", Format(16000, 1, 16)));
        var data = Chunk("data", new byte[64_000]);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(4), 0xFFFFFFFF);
        wav.AddRange(data);

        Assert.Equal(2.0, AudioProbe.DurationSeconds(wav.ToArray()), 6);
    }

    [Fact]
    public void DurationSeconds_OfOtherBytes_Assumes16kHzMono16Bit() =>
        Assert.Equal(1.5, AudioProbe.DurationSeconds(new byte[48_000]), 6);

    private static byte[] Format(int rate, short channels, short bits)
    {
        var format = new byte[16];
        BinaryPrimitives.WriteInt16LittleEndian(format, 1);
        BinaryPrimitives.WriteInt16LittleEndian(format.AsSpan(2), channels);
        BinaryPrimitives.WriteInt32LittleEndian(format.AsSpan(4), rate);
        BinaryPrimitives.WriteInt32LittleEndian(format.AsSpan(8), rate * channels * bits / 8);
        BinaryPrimitives.WriteInt16LittleEndian(format.AsSpan(12), (short)(channels * bits / 8));
        BinaryPrimitives.WriteInt16LittleEndian(format.AsSpan(14), bits);
        return format;
    }

    private static byte[] Chunk(string id, byte[] payload)
    {
        var chunk = new byte[8 + payload.Length + (payload.Length & 1)];
        System.Text.Encoding.ASCII.GetBytes(id).CopyTo(chunk, 0);
        BinaryPrimitives.WriteInt32LittleEndian(chunk.AsSpan(4), payload.Length);
        payload.CopyTo(chunk, 8);
        return chunk;
    }
}
