using System.Buffers.Binary;

namespace PveAgent.Simulator.Inference;

/// <summary>Length of uploaded audio: from the header of a RIFF/WAVE file, otherwise assuming 16 kHz 16-bit mono PCM.</summary>
internal static class AudioProbe
{
    private const double AssumedBytesPerSecond = 16_000 * 2;

    public static double DurationSeconds(ReadOnlySpan<byte> audio)
    {
        if (audio.Length >= 12 && audio[..4].SequenceEqual("RIFF"u8) && audio[8..12].SequenceEqual("WAVE"u8))
        {
            uint byteRate = 0;
            var position = 12;
            while (position + 8 <= audio.Length)
            {
                var id = audio.Slice(position, 4);
                var size = BinaryPrimitives.ReadUInt32LittleEndian(audio.Slice(position + 4, 4));
                var data = position + 8;
                if (id.SequenceEqual("fmt "u8) && data + 12 <= audio.Length)
                {
                    byteRate = BinaryPrimitives.ReadUInt32LittleEndian(audio.Slice(data + 8, 4));
                }
                else if (id.SequenceEqual("data"u8) && byteRate > 0)
                {
                    // Streaming writers leave the size at 0 or 0xFFFFFFFF: then the data runs to the end of the file.
                    var available = (uint)(audio.Length - data);
                    var length = size == 0 || size > available ? available : size;
                    return length / (double)byteRate;
                }

                var next = (long)data + size + (size & 1);
                if (next > audio.Length)
                {
                    break;
                }

                position = (int)next;
            }
        }

        return audio.Length / AssumedBytesPerSecond;
    }
}
