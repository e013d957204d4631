using System.Text;
using PveAgent.Simulator.Inference;

namespace PveAgent.Simulator.Tests.Inference;

public sealed class MultipartFormTests
{
    [Fact]
    public void Parse_ReadsFieldsAndFilesWithBinaryContent()
    {
        var body = Encoding.ASCII.GetBytes("--XyZ\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a b.wav\"\r\nContent-Type: audio/wav\r\n\r\n")
            .Concat(new byte[] { 0, 13, 10, 45, 45, 255 })
            .Concat(Encoding.ASCII.GetBytes("\r\n--XyZ--\r\n"))
            .ToArray();

        var parts = MultipartForm.Parse(body, "multipart/form-data; boundary=\"XyZ\"");

        Assert.NotNull(parts);
        Assert.Equal(["model", "file"], parts.Select(p => p.Name));
        Assert.Equal("whisper-1", parts[0].Text);
        Assert.Equal("a b.wav", parts[1].FileName);
        Assert.Equal("audio/wav", parts[1].ContentType);
        Assert.Equal(new byte[] { 0, 13, 10, 45, 45, 255 }, parts[1].Data.ToArray());
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("multipart/form-data")]
    [InlineData(null)]
    public void Parse_WithoutAMultipartBoundary_ReturnsNull(string? contentType) =>
        Assert.Null(MultipartForm.Parse("--x\r\n\r\n"u8.ToArray(), contentType));
}
