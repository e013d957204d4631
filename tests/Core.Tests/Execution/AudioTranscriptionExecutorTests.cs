using System.Buffers.Binary;
using PveAgent.Core.Execution;

namespace PveAgent.Core.Tests.Execution;

/// <summary>Speech to text through the OpenAI audio endpoint, against the simulated whisper server.</summary>
public sealed class AudioTranscriptionExecutorTests
{
    [Fact]
    public async Task Transcribe_WavFile_SendsAMultipartUploadAndReturnsTheTranscript()
    {
        using var lab = new SimLab();
        var executor = new AudioTranscriptionExecutor(lab.Http, lab.Clock);
        var chunks = new List<string>();
        var request = new InferenceRequest
        {
            BaseUrl = new Uri("http://192.168.0.150:9000/"),
            Operation = InferenceOperation.Transcription,
            Model = "whisper-large-v3",
            Audio = Wav(seconds: 20),
            AudioFileName = "meeting.wav",
            Language = "en",
        };

        var result = await lab.Run(() => executor.ExecuteAsync(request, OllamaNativeExecutorTests.Collect(chunks)), TimeSpan.FromMilliseconds(10));

        var sent = Assert.Single(lab.InferenceRequests.All);
        Assert.Equal("/v1/audio/transcriptions", sent.Path);
        Assert.Contains("filename=meeting.wav", sent.Body);
        Assert.Contains("name=response_format", sent.Body);
        Assert.Contains("RIFF", sent.Body);
        Assert.Equal([result.Text], chunks);
        Assert.InRange(result.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length, 30, 70);
        Assert.True(result.Elapsed > TimeSpan.Zero);
    }

    [Fact]
    public async Task Transcribe_WithoutAModelName_SendsOpenAisNameWhichTheServerMapsToItsModel()
    {
        using var lab = new SimLab();
        var request = new InferenceRequest { BaseUrl = new Uri("http://192.168.0.150:9000/"), Operation = InferenceOperation.Transcription, Audio = Wav(2) };

        var result = await lab.Run(() => new AudioTranscriptionExecutor(lab.Http, lab.Clock).ExecuteAsync(request), TimeSpan.FromMilliseconds(10));

        Assert.Contains($"name=model\r\n\r\n{AudioTranscriptionExecutor.DefaultModel}\r\n", Assert.Single(lab.InferenceRequests.All).Body);
        Assert.NotEmpty(result.Text);
    }

    [Fact]
    public async Task Transcribe_WithoutAudio_IsAnArgumentError()
    {
        var request = new InferenceRequest { BaseUrl = new Uri("http://192.0.2.30:9000/"), Operation = InferenceOperation.Transcription };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => new AudioTranscriptionExecutor(new HttpClient(new ScriptedHandler())).ExecuteAsync(request));

        Assert.Contains("no audio", error.Message);
    }

    /// <summary>A RIFF/WAVE file of silence: 16 kHz, 16-bit, mono.</summary>
    internal static byte[] Wav(int seconds)
    {
        const int rate = 16_000;
        var data = rate * 2 * seconds;
        var bytes = new byte[44 + data];
        "RIFF"u8.CopyTo(bytes);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)(36 + data));
        "WAVEfmt "u8.CopyTo(bytes.AsSpan(8));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), 16);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(20), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(22), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(24), rate);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(28), rate * 2);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(32), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(34), 16);
        "data"u8.CopyTo(bytes.AsSpan(36));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(40), (uint)data);
        return bytes;
    }
}
