using PveAgent.Simulator.Inference;

namespace PveAgent.Simulator.Tests.Inference;

public sealed class PrometheusTextTests
{
    [Theory]
    // Values as they appear in the real vLLM /metrics samples (shared/fixtures/vllm).
    [InlineData(8.0, "8.0")]
    [InlineData(27453.0, "27453.0")]
    [InlineData(0.0, "0.0")]
    [InlineData(1048576.0, "1.048576e+06")]
    [InlineData(1742624005.57, "1.74262400557e+09")]
    [InlineData(439.71999999999997, "439.71999999999997")]
    public void PythonFloat_FormatsLikePrometheusClient(double value, string expected)
    {
        Assert.Equal(expected, PrometheusText.PythonFloat(value));

        var real = string.Join('\n', Directory.GetFiles(PveAgent.TestSupport.SharedFiles.Shared("fixtures", "vllm")).Select(File.ReadAllText));
        Assert.Contains(" " + expected + "\n", real + "\n", StringComparison.Ordinal);
    }

    [Fact]
    public void Labels_EscapeQuotesAndBackslashes() =>
        Assert.Equal("""a="x\"y",b="c\\d" """.TrimEnd(), PrometheusText.Labels(("a", "x\"y"), ("b", "c\\d")));
}
