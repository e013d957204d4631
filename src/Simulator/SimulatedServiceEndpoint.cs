namespace PveAgent.Simulator;

/// <summary>A simulated service (inference server or telemetry endpoint) and the local address a started server exposes it on.</summary>
/// <param name="Node">Node the service belongs to.</param>
/// <param name="Name">Service name from the registry (<c>vllm</c>, <c>ollama</c> …) or <c>telemetry</c>.</param>
/// <param name="Kind">Protocol (<c>vllm</c>, <c>ollama</c>, <c>llamacpp</c>, <c>whisper</c>, <c>triton</c>, <c>nodeagent</c>, <c>exporter</c>).</param>
/// <param name="SimulatedAddress">Address the registry gives the service, as the simulator answers it in-process.</param>
/// <param name="LocalAddress">Where the started server serves it, <c>http://127.0.0.1:PORT/</c>.</param>
public sealed record SimulatedServiceEndpoint(string Node, string Name, string Kind, Uri SimulatedAddress, Uri LocalAddress);
