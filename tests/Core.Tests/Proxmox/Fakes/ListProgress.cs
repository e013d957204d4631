namespace PveAgent.Core.Tests.Proxmox.Fakes;

/// <summary>An <see cref="IProgress{T}"/> that records reports synchronously (unlike <see cref="Progress{T}"/>, which posts them).</summary>
public sealed class ListProgress<T> : IProgress<T>
{
    private readonly List<T> _reports = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<T> Reports
    {
        get
        {
            lock (_gate)
            {
                return [.. _reports];
            }
        }
    }

    public void Report(T value)
    {
        lock (_gate)
        {
            _reports.Add(value);
        }
    }
}
