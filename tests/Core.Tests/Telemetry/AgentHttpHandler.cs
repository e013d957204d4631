using System.Net;
using System.Text;
using PveAgent.Core.Telemetry;

namespace PveAgent.Core.Tests.Telemetry;

/// <summary>Hosts a <see cref="NodeAgentRequestHandler"/> in memory so the client transport talks to the real server logic.</summary>
internal sealed class AgentHttpHandler(NodeAgentRequestHandler agent) : HttpMessageHandler
{
    public List<HttpRequestMessage> Requests { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        var authorization = request.Headers.Authorization?.ToString();
        var answer = await agent.HandleAsync(request.Method.Method, request.RequestUri!.PathAndQuery, authorization, cancellationToken);
        var mediaType = answer.ContentType.Split(';')[0];
        return new HttpResponseMessage((HttpStatusCode)answer.StatusCode) { Content = new StringContent(answer.Body, Encoding.UTF8, mediaType) };
    }
}
