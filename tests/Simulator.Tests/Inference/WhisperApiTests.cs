using System.Buffers.Binary;
using System.Text;
using PveAgent.Core.Hardware;
using PveAgent.Core.Registry;

namespace PveAgent.Simulator.Tests.Inference;

public sealed class WhisperApiTests
{
    private const int Port = 9000;
    private static readonly AcceleratorProfile N150 = AcceleratorProfiles.Find(AcceleratorKind.Tenstorrent, "wormhole-n150");

    /// <summary>A RIFF/WAVE file of silence: 16-bit PCM at the given rate and channel count.</summary>
    private static byte[] Wav(double seconds, int sampleRate = 44_100, short channels = 2)
    {
        var byteRate = sampleRate * channels * 2;
        var dataBytes = (int)(seconds * byteRate);
        var wav = new byte[44 + dataBytes];
        "RIFF"u8.CopyTo(wav);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(4), 36 + dataBytes);
        "WAVEfmt "u8.CopyTo(wav.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(22), channels);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(24), sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(28), byteRate);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(32), (short)(channels * 2));
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(34), 16);
        "data"u8.CopyTo(wav.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(40), dataBytes);
        return wav;
    }

    private static SimRequest Upload(byte[] audio, string fileName, params (string Name, string Value)[] fields)
    {
        const string Boundary = "----pveagent-test";
        var body = new MemoryStream();
        void Write(string text) => body.Write(Encoding.UTF8.GetBytes(text));
        foreach (var (name, value) in fields)
        {
            Write($"--{Boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n");
        }

        Write($"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{fileName}\"\r\nContent-Type: audio/wav\r\n\r\n");
        body.Write(audio);
        Write($"\r\n--{Boundary}--\r\n");
        return new SimRequest
        {
            Method = "POST",
            Host = SomeLab.EdgeTt,
            Port = Port,
            Path = "/v1/audio/transcriptions",
            ContentType = $"multipart/form-data; boundary={Boundary}",
            Body = body.ToArray(),
        };
    }

    [Fact]
    public async Task Transcription_TakesTheTimeTheModelNeedsForTheWavsDuration()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());

        var (response, elapsed) = await world.Timed(Upload(Wav(30), "meeting.wav", ("model", "whisper-1")));

        var expected = PerformanceModel.TranscriptionSeconds(ModelCatalog.Find("whisper-large-v3"), N150, 30);
        Assert.InRange(elapsed.TotalSeconds, expected - 0.002, expected + 0.002);
        var text = SimWorld.Json(response).GetProperty("text").GetString();
        Assert.InRange(text!.Split(' ').Length, 60, 90);
    }

    [Fact]
    public async Task Transcription_OfAudioWithoutAWavHeader_Assumes16kHzMono16Bit()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());

        var (_, elapsed) = await world.Timed(Upload(new byte[32_000 * 20], "memo.raw", ("model", "whisper-large-v3")));

        var expected = PerformanceModel.TranscriptionSeconds(ModelCatalog.Find("whisper-large-v3"), N150, 20);
        Assert.InRange(elapsed.TotalSeconds, expected - 0.002, expected + 0.002);
    }

    [Fact]
    public async Task Transcription_IsTheSameForTheSameFile()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());

        var one = SimWorld.Text(await world.Run(Upload(Wav(5), "a.wav")));
        var two = SimWorld.Text(await world.Run(Upload(Wav(5), "a.wav")));
        var other = SimWorld.Text(await world.Run(Upload(Wav(5), "b.wav")));

        Assert.Equal(one, two);
        Assert.NotEqual(one, other);
    }

    [Fact]
    public async Task TextAndVerboseJsonFormats_FollowOpenAisAudioApi()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());

        var text = await world.Run(Upload(Wav(8), "a.wav", ("response_format", "text")));
        var verbose = SimWorld.Json(await world.Run(Upload(Wav(8), "a.wav", ("response_format", "verbose_json"))));

        Assert.StartsWith("text/plain", text.ContentType, StringComparison.Ordinal);
        Assert.Equal(SimWorld.Text(text).TrimEnd('\n'), verbose.GetProperty("text").GetString());
        Assert.Equal(8.0, verbose.GetProperty("duration").GetDouble());
        var segments = verbose.GetProperty("segments").EnumerateArray().ToList();
        Assert.NotEmpty(segments);
        Assert.Equal(8.0, segments[^1].GetProperty("end").GetDouble());
    }

    [Fact]
    public async Task UploadWithoutAFile_IsABadRequestNamingTheField()
    {
        var world = SimWorld.Seeded(SomeLab.HomeLab());

        var response = await world.Run(SimWorld.Post(SomeLab.EdgeTt, Port, "/v1/audio/transcriptions", "{}"));

        Assert.Equal(400, response.Status);
        Assert.Contains("multipart/form-data", SimWorld.Json(response).GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
