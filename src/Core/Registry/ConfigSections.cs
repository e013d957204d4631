namespace PveAgent.Core.Registry;

/// <summary>The values produced by the section binders, by type; how sections added by other assemblies reach their users.</summary>
public sealed class ConfigSections
{
    // Keyed by type because the section types live in the assemblies that add the binders (Guardrails, Kernel …),
    // which Core cannot name; the typed Get<T> is the only way in or out.
    private readonly IReadOnlyDictionary<Type, object> _values;

    internal ConfigSections(IReadOnlyDictionary<Type, object> values) => _values = values;

    /// <summary>No sections (for configurations built in code).</summary>
    public static ConfigSections Empty { get; } = new(new Dictionary<Type, object>());

    /// <summary>The value a binder stored as <typeparamref name="T"/>, or null when its section was absent.</summary>
    public T? Get<T>()
        where T : class =>
        _values.TryGetValue(typeof(T), out var value) ? (T)value : null;
}
