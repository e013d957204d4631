namespace PveAgent.Core.Registry.Validation;

/// <summary>The spellings of accelerator kinds, service kinds and telemetry sources in cluster.yaml.</summary>
internal static class KindNames
{
    /// <summary>Accelerator <c>type:</c> values.</summary>
    public static IReadOnlyList<string> Accelerators { get; } = ["nvidia", "tenstorrent", "amd", "fpga", "cpu"];

    /// <summary>Service <c>kind:</c> values (canonical spellings).</summary>
    public static IReadOnlyList<string> Services { get; } = ["vllm", "ollama", "llamacpp", "whisper", "triton"];

    /// <summary>Telemetry <c>source:</c> values.</summary>
    public static IReadOnlyList<string> TelemetrySources { get; } = ["ssh", "node-agent", "exporter", "none"];

    public static bool TryParseAccelerator(string text, out AcceleratorKind kind)
    {
        (var found, kind) = text.ToLowerInvariant() switch
        {
            "nvidia" => (true, AcceleratorKind.Nvidia),
            "tenstorrent" => (true, AcceleratorKind.Tenstorrent),
            "amd" => (true, AcceleratorKind.Amd),
            "fpga" => (true, AcceleratorKind.Fpga),
            "cpu" => (true, AcceleratorKind.Cpu),
            _ => (false, default),
        };
        return found;
    }

    public static bool TryParseService(string text, out ServiceKind kind)
    {
        (var found, kind) = text.ToLowerInvariant() switch
        {
            "vllm" => (true, ServiceKind.Vllm),
            "ollama" => (true, ServiceKind.Ollama),
            "llamacpp" or "llama.cpp" or "llama-cpp" => (true, ServiceKind.LlamaCpp),
            "whisper" => (true, ServiceKind.Whisper),
            "triton" => (true, ServiceKind.Triton),
            _ => (false, default),
        };
        return found;
    }

    public static bool TryParseTelemetrySource(string text, out TelemetrySource source)
    {
        (var found, source) = text.ToLowerInvariant() switch
        {
            "ssh" => (true, TelemetrySource.Ssh),
            "node-agent" => (true, TelemetrySource.NodeAgent),
            "exporter" => (true, TelemetrySource.Exporter),
            "none" => (true, TelemetrySource.None),
            _ => (false, default),
        };
        return found;
    }

    public static string Name(AcceleratorKind kind) => kind switch
    {
        AcceleratorKind.Nvidia => "nvidia",
        AcceleratorKind.Tenstorrent => "tenstorrent",
        AcceleratorKind.Amd => "amd",
        AcceleratorKind.Fpga => "fpga",
        AcceleratorKind.Cpu => "cpu",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown accelerator kind."),
    };

    public static string Name(ServiceKind kind) => kind switch
    {
        ServiceKind.Vllm => "vllm",
        ServiceKind.Ollama => "ollama",
        ServiceKind.LlamaCpp => "llamacpp",
        ServiceKind.Whisper => "whisper",
        ServiceKind.Triton => "triton",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown service kind."),
    };

    public static string Name(TelemetrySource source) => source switch
    {
        TelemetrySource.Ssh => "ssh",
        TelemetrySource.NodeAgent => "node-agent",
        TelemetrySource.Exporter => "exporter",
        TelemetrySource.None => "none",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "Unknown telemetry source."),
    };
}
