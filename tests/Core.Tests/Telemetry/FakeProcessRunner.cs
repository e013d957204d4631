using PveAgent.Core.Telemetry;

namespace PveAgent.Core.Tests.Telemetry;

/// <summary>Answers process runs from a callback and records the requests.</summary>
internal sealed class FakeProcessRunner(Func<ProcessRequest, ProcessResult> answer) : IProcessRunner
{
    public List<ProcessRequest> Requests { get; } = [];

    public Task<ProcessResult> RunAsync(ProcessRequest request, CancellationToken cancellationToken = default)
    {
        lock (Requests)
        {
            Requests.Add(request);
        }

        return Task.FromResult(answer(request));
    }
}
