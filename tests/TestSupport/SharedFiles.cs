namespace PveAgent.TestSupport;

/// <summary>Locates the repository root and the read-only reference material in <c>../shared</c> beside it.</summary>
public static class SharedFiles
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    /// <summary>The repository root (the folder holding <c>PveAgent.sln</c>).</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>The <c>shared</c> folder beside the repository.</summary>
    public static string SharedRoot => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));

    /// <summary>Full path of a file under <c>../shared</c>, failing the test clearly when it is missing.</summary>
    public static string Shared(params string[] parts)
    {
        var path = Path.Combine([SharedRoot, .. parts]);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new FileNotFoundException($"Reference file {path} is missing: tests expect ../shared beside the repository.", path);
        }

        return path;
    }

    /// <summary>Text of a file under <c>../shared</c>.</summary>
    public static string ReadShared(params string[] parts) => File.ReadAllText(Shared(parts));

    /// <summary>Full path of a file in the repository.</summary>
    public static string InRepository(params string[] parts) => Path.Combine([RepositoryRoot, .. parts]);

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PveAgent.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No PveAgent.sln above {AppContext.BaseDirectory}.");
    }
}
