using PveAgent.Kernel.Tests.Fakes;

namespace PveAgent.Kernel.Tests.Agent;

/// <summary>
/// The model turns a tool-calling 7B model gives for everyday intents when it uses the cluster summary in its prompt
/// (no exploratory reads for what the summary already says), scripted for measuring the loop's round trips.
/// </summary>
internal static class ScriptedIntents
{
    public static IReadOnlyList<ScriptedIntent> All { get; } =
    [
        new("start dev-sandbox", 1, OllamaTurns.Calls(("start_guest", """{"guest":"dev-sandbox"}""")), OllamaTurns.Text("dev-sandbox starts.")),
        new("shut down pihole", 1, OllamaTurns.Calls(("shutdown_guest", """{"guest":"pihole"}""")), OllamaTurns.Text("pihole shuts down.")),
        new("reboot homeassistant", 1, OllamaTurns.Calls(("reboot_guest", """{"guest":"100"}""")), OllamaTurns.Text("homeassistant reboots.")),
        new("snapshot homeassistant as before-upgrade", 1, OllamaTurns.Calls(("create_snapshot", """{"guest":"homeassistant","name":"before-upgrade"}""")), OllamaTurns.Text("Snapshot queued.")),
        new("move dev-sandbox to pve3", 1, OllamaTurns.Calls(("migrate_guest", """{"guest":"110","target":"pve3"}""")), OllamaTurns.Text("dev-sandbox moves to pve3.")),
        new("clone the ubuntu template as test-vm", 1, OllamaTurns.Calls(("clone_guest", """{"source":"ubuntu-24.04-template","name":"test-vm"}""")), OllamaTurns.Text("Clone queued.")),
        new("stop vllm-edge-tt now", 1, OllamaTurns.Calls(("stop_guest", """{"guest":"402"}""")), OllamaTurns.Text("VM 402 stops.")),
        new("free up the GPUs on brian", 1,
            OllamaTurns.Calls(("get_guest", """{"guest":"vllm-brian"}""")),
            OllamaTurns.Calls(("shutdown_guest", """{"guest":"201"}""")),
            OllamaTurns.Text("vllm-brian holds the GPUs and shuts down.")),
        new("start dev-sandbox and take a snapshot of it named clean", 2,
            OllamaTurns.Calls(("start_guest", """{"guest":"dev-sandbox"}"""), ("create_snapshot", """{"guest":"dev-sandbox","name":"clean"}""")),
            OllamaTurns.Text("Start, then snapshot.")),
        new("snapshot every VM on brian, then migrate vm 105 to pve3", 4,
            OllamaTurns.Calls(("list_guests", """{"node":"brian"}""")),
            OllamaTurns.Calls(
                ("create_snapshot", """{"guest":"105","name":"pre-move"}"""),
                ("create_snapshot", """{"guest":"110","name":"pre-move"}"""),
                ("create_snapshot", """{"guest":"201","name":"pre-move"}"""),
                ("migrate_guest", """{"guest":"105","target":"pve3"}""")),
            OllamaTurns.Text("Snapshots, then the move.")),
        new("transcribe /mnt/nas/meeting.wav", 1,
            OllamaTurns.Calls(("route_task", """{"task":"speech-to-text"}""")),
            OllamaTurns.Calls(("run_task", """{"task":"speech-to-text","file":"/mnt/nas/meeting.wav"}""")),
            OllamaTurns.Text("Transcription on edge-tt queued.")),
        new("what is running on brian?", 0,
            OllamaTurns.Calls(("list_guests", """{"node":"brian","status":"running"}""")),
            OllamaTurns.Text("vllm-brian and ollama-brian.")),
    ];
}

/// <summary>An intent, the write steps it should produce, and the model's scripted replies.</summary>
internal sealed record ScriptedIntent(string Intent, int Steps, params string[] Replies);
