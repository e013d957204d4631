using System.Text;

namespace PveAgent.Simulator.Inference;

/// <summary>
/// Plausible, deterministic filler text: sentences of common words, one word per token (a leading space on every token
/// but the first, as real tokenizers emit them). There is no language model here, only the shape of its output.
/// </summary>
internal static class TextGenerator
{
    private static readonly string[] Subjects =
    [
        "the cluster", "the model", "this node", "the scheduler", "the request", "each service", "the operator", "the system",
        "a small model", "the accelerator", "the answer", "our plan", "the storage pool", "the workload", "the result",
    ];

    private static readonly string[] Verbs =
    [
        "uses", "needs", "reports", "keeps", "moves", "checks", "returns", "shows", "finds", "loads", "serves", "balances",
        "explains", "describes", "measures", "improves", "reduces", "prefers", "handles", "follows",
    ];

    private static readonly string[] Objects =
    [
        "the memory", "a warm cache", "the power budget", "every token", "the latest data", "a simple rule", "the main queue",
        "the network link", "a clear summary", "the next step", "the current load", "the available capacity", "a short list",
        "the same result", "each request", "the GPU", "a stable state", "the log files", "the daily report", "more headroom",
    ];

    private static readonly string[] Tails =
    [
        "when it is needed", "before the next run", "without any delay", "for most users", "in a few seconds", "on every node",
        "as expected", "during the night", "after a restart", "with little effort", "at the same time", "by default",
        "in the home lab", "under heavy load", "for the whole week",
    ];

    /// <summary>Exactly <paramref name="tokenCount"/> tokens of text seeded by <paramref name="seed"/>.</summary>
    public static IReadOnlyList<string> Tokens(ulong seed, int tokenCount)
    {
        var random = new DeterministicRandom(seed);
        var tokens = new List<string>(tokenCount);
        var words = new List<string>();
        while (tokens.Count < tokenCount)
        {
            words.Clear();
            Sentence(random, words);
            for (var i = 0; i < words.Count && tokens.Count < tokenCount; i++)
            {
                var word = i == 0 ? Capitalise(words[i]) : words[i];
                if (i == words.Count - 1)
                {
                    word += ".";
                }

                tokens.Add(tokens.Count == 0 ? word : " " + word);
            }
        }

        return tokens;
    }

    /// <summary>The tokens joined into one string.</summary>
    public static string Text(ulong seed, int tokenCount)
    {
        var builder = new StringBuilder();
        foreach (var token in Tokens(seed, tokenCount))
        {
            builder.Append(token);
        }

        return builder.ToString();
    }

    private static void Sentence(DeterministicRandom random, List<string> words)
    {
        Add(words, Subjects[random.Next(Subjects.Length)]);
        Add(words, Verbs[random.Next(Verbs.Length)]);
        Add(words, Objects[random.Next(Objects.Length)]);
        if (random.Next(3) > 0)
        {
            Add(words, Tails[random.Next(Tails.Length)]);
        }
    }

    private static void Add(List<string> words, string phrase) => words.AddRange(phrase.Split(' '));

    private static string Capitalise(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
