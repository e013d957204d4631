using PveAgent.Core.Registry;

namespace PveAgent.Simulator.Inference;

/// <summary>A configured inference service together with the node it runs on.</summary>
internal sealed record ServiceBinding(NodeConfig Node, ServiceConfig Service, NodeHardware Hardware)
{
    public string Key => Node.Name + "/" + Service.Name;

    public ServiceKind Kind => Service.Kind;

    /// <summary>
    /// Resident servers (vLLM, llama.cpp, whisper, Triton) load their configured models when they start and keep them;
    /// Ollama loads on demand and evicts.
    /// </summary>
    public bool IsResident => Service.Kind != ServiceKind.Ollama;

    /// <summary>Host/port pairs the service answers on: the node host and port, and its explicit URL.</summary>
    public IEnumerable<(string Host, int Port)> Endpoints()
    {
        yield return (Node.Host.ToLowerInvariant(), Service.Port);
        if (Service.Url is { } url)
        {
            yield return (url.Host.ToLowerInvariant(), url.Port);
        }
    }
}
