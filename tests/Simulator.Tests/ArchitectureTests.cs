using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace PveAgent.Simulator.Tests;

/// <summary>The simulator knows only the wire format: it may use the registry model from Core, never the client's types.</summary>
public sealed class ArchitectureTests
{
    private static readonly string[] Forbidden = ["PveAgent.Core.Proxmox", "PveAgent.Core.Telemetry"];

    [Fact]
    public void SimulatorAssembly_ReferencesNoTypeOfTheProxmoxClientOrTelemetry()
    {
        var namespaces = ReferencedNamespaces();

        var offending = namespaces.Where(ns => Forbidden.Any(f => ns == f || ns.StartsWith(f + ".", StringComparison.Ordinal))).ToList();

        Assert.True(offending.Count == 0, "The simulator must not use the client's types: " + string.Join(", ", offending));
        // The check reads real references: the registry model is used, so it must show up.
        Assert.Contains("PveAgent.Core.Registry", namespaces);
    }

    private static HashSet<string> ReferencedNamespaces()
    {
        using var stream = File.OpenRead(typeof(SimulatorEngine).Assembly.Location);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var handle in metadata.TypeReferences)
        {
            var reference = metadata.GetTypeReference(handle);
            var ns = metadata.GetString(reference.Namespace);
            if (ns.Length == 0 && reference.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                // Nested type: its namespace is the enclosing type's.
                ns = metadata.GetString(metadata.GetTypeReference((TypeReferenceHandle)reference.ResolutionScope).Namespace);
            }

            result.Add(ns);
        }

        return result;
    }
}
