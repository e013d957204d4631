namespace PveAgent.Core.Telemetry;

/// <summary>One Tenstorrent chip (one <c>device_info</c> entry of a tt-smi snapshot); null where tt-smi reports nothing.</summary>
public sealed record TenstorrentChipReading
{
    /// <summary>Position in tt-smi's device list (its logical device index).</summary>
    public required int Index { get; init; }

    /// <summary>Board type without the chip suffix, e.g. <c>n300</c> for <c>"n300 L"</c>.</summary>
    public string? BoardType { get; init; }

    /// <summary>The board type exactly as tt-smi printed it (or derived from the board id when absent).</summary>
    public string? RawBoardType { get; init; }

    /// <summary>True for the remote chip of a multi-chip board (<c>" R"</c> suffix): it has no PCIe link of its own.</summary>
    public bool IsRemote { get; init; }

    /// <summary>Chip generation.</summary>
    public TenstorrentArchitecture Architecture { get; init; }

    /// <summary>Board id (hex, no <c>0x</c>); the chips of one board share it.</summary>
    public string? BoardId { get; init; }

    /// <summary>PCI address, when the chip has one.</summary>
    public string? BusId { get; init; }

    /// <summary>Core voltage in V.</summary>
    public double? VoltageV { get; init; }

    /// <summary>Core current in A.</summary>
    public double? CurrentA { get; init; }

    /// <summary>ASIC core power in W.</summary>
    public double? PowerW { get; init; }

    /// <summary>Board input power in W (tt-smi ≥ 6.2 firmware; often <c>N/A</c>).</summary>
    public double? BoardPowerW { get; init; }

    /// <summary>AI clock in MHz.</summary>
    public double? AiclkMhz { get; init; }

    /// <summary>ASIC temperature in °C.</summary>
    public double? AsicTemperatureC { get; init; }

    /// <summary>Fan speed in RPM, when the board has a reporting fan.</summary>
    public double? FanRpm { get; init; }

    /// <summary>Firmware heartbeat counter (grows while the firmware is alive).</summary>
    public double? Heartbeat { get; init; }

    /// <summary>Thermal design power limit in W.</summary>
    public double? TdpLimitW { get; init; }

    /// <summary>Board power limit in W.</summary>
    public double? BoardPowerLimitW { get; init; }

    /// <summary>Thermal throttle limit in °C.</summary>
    public double? ThermalLimitC { get; init; }

    /// <summary>Maximum AI clock in MHz.</summary>
    public double? AiclkMaxMhz { get; init; }

    /// <summary>True when DRAM trained, false when it did not, null when not reported.</summary>
    public bool? DramTrained { get; init; }

    /// <summary>DRAM speed as printed, e.g. <c>12G</c>.</summary>
    public string? DramSpeed { get; init; }

    /// <summary>Firmware bundle version.</summary>
    public string? FirmwareBundleVersion { get; init; }

    /// <summary>Chip management firmware version (<c>cm_fw</c>, formerly <c>arc_fw</c>).</summary>
    public string? ManagementFirmwareVersion { get; init; }
}
