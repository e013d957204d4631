namespace PveAgent.Plugins.Results;

/// <summary>One guest in detail (<c>get_guest</c>).</summary>
/// <param name="Vmid">Guest id.</param>
/// <param name="Name">Guest name.</param>
/// <param name="Type"><c>vm</c> or <c>ct</c>.</param>
/// <param name="Node">Node it is on.</param>
/// <param name="Status"><c>running</c>, <c>stopped</c> …</param>
/// <param name="CpuPct">CPU use, 0–100 of its vCPUs.</param>
/// <param name="MemUsedGib">Memory in use, GiB.</param>
/// <param name="MemMaxGib">Configured memory, GiB.</param>
/// <param name="Cores">vCPUs.</param>
/// <param name="Migratable">False when local devices tie it to its node.</param>
/// <param name="Tags">Tags.</param>
/// <param name="Lock">Config lock, when held.</param>
/// <param name="Template">True for templates.</param>
/// <param name="Ha">HA state, when HA-managed.</param>
/// <param name="Gpus">Passed-through PCI devices, <c>hostpci0=0000:01:00</c> or <c>hostpci0=mapping:rtx-3090</c>.</param>
/// <param name="LocalDevices">Config entries that tie the guest to its node (raw hostpci, USB, bind mounts …).</param>
/// <param name="Services">Inference services the registry says it hosts.</param>
public sealed record GuestDetails(
    int Vmid,
    string Name,
    string Type,
    string Node,
    string Status,
    double CpuPct,
    double MemUsedGib,
    double MemMaxGib,
    int Cores,
    bool Migratable,
    IReadOnlyList<string>? Tags = null,
    string? Lock = null,
    bool? Template = null,
    string? Ha = null,
    IReadOnlyList<string>? Gpus = null,
    IReadOnlyList<string>? LocalDevices = null,
    IReadOnlyList<string>? Services = null) : ToolResult;
