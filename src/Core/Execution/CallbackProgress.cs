namespace PveAgent.Core.Execution;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls back synchronously, in order, on the reporting thread (unlike
/// <see cref="Progress{T}"/>, which posts to a synchronization context and may reorder or delay reports).
/// </summary>
internal sealed class CallbackProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
