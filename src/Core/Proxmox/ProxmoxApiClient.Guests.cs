using System.Globalization;
using System.Text.Json;
using PveAgent.Core.Proxmox.Json;
using PveAgent.Core.State;

namespace PveAgent.Core.Proxmox;

/// <content>VM and container calls; <see cref="GuestType"/> picks the <c>qemu</c> or <c>lxc</c> path.</content>
public sealed partial class ProxmoxApiClient
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<GuestSummary>> ListGuestsAsync(string node, GuestType kind, CancellationToken cancellationToken = default)
    {
        ValidateNode(node);
        var guests = await GetAsync(ApiPath.Of("nodes", node, Segment(kind)), null, PveJsonContext.Default.GuestsEnvelope, cancellationToken);
        return [.. guests.Select(g => g with { Kind = kind, Node = node })];
    }

    /// <inheritdoc />
    public async Task<GuestStatus> GetGuestStatusAsync(string node, GuestType kind, int vmid, CancellationToken cancellationToken = default)
    {
        var status = await GetAsync(GuestPath(node, kind, vmid, "status", "current"), null, PveJsonContext.Default.GuestStatusEnvelope, cancellationToken);
        return status with { Kind = kind };
    }

    /// <inheritdoc />
    public Task<Upid> StartGuestAsync(string node, GuestType kind, int vmid, CancellationToken cancellationToken = default) =>
        SendForTaskAsync(HttpMethod.Post, GuestPath(node, kind, vmid, "status", "start"), null, cancellationToken);

    /// <inheritdoc />
    public Task<Upid> StopGuestAsync(string node, GuestType kind, int vmid, CancellationToken cancellationToken = default) =>
        SendForTaskAsync(HttpMethod.Post, GuestPath(node, kind, vmid, "status", "stop"), null, cancellationToken);

    /// <inheritdoc />
    public Task<Upid> ShutdownGuestAsync(string node, GuestType kind, int vmid, TimeSpan? timeout = null, bool forceStop = false, CancellationToken cancellationToken = default)
    {
        var path = GuestPath(node, kind, vmid, "status", "shutdown");
        var parameters = new PveParameters().Add("timeout", Seconds(timeout, nameof(timeout))).Add("forceStop", forceStop ? true : null);
        return SendForTaskAsync(HttpMethod.Post, path, parameters, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Upid> RebootGuestAsync(string node, GuestType kind, int vmid, CancellationToken cancellationToken = default) =>
        SendForTaskAsync(HttpMethod.Post, GuestPath(node, kind, vmid, "status", "reboot"), null, cancellationToken);

    /// <inheritdoc />
    public Task<Upid> SuspendGuestAsync(string node, GuestType kind, int vmid, CancellationToken cancellationToken = default) =>
        SendForTaskAsync(HttpMethod.Post, GuestPath(node, kind, vmid, "status", "suspend"), null, cancellationToken);

    /// <inheritdoc />
    public Task<Upid> ResumeGuestAsync(string node, GuestType kind, int vmid, CancellationToken cancellationToken = default) =>
        SendForTaskAsync(HttpMethod.Post, GuestPath(node, kind, vmid, "status", "resume"), null, cancellationToken);

    /// <inheritdoc />
    public async Task<GuestConfig> GetGuestConfigAsync(string node, GuestType kind, int vmid, CancellationToken cancellationToken = default)
    {
        var raw = await GetAsync(GuestPath(node, kind, vmid, "config"), null, PveJsonContext.Default.ConfigEnvelope, cancellationToken);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, element) in raw)
        {
            if (AsConfigText(element) is { } text)
            {
                values[key] = text;
            }
        }

        return new GuestConfig { Kind = kind, Values = values };
    }

    /// <inheritdoc />
    public async Task UpdateGuestConfigAsync(string node, GuestType kind, int vmid, IReadOnlyDictionary<string, string> changes, IReadOnlyCollection<string>? deleteKeys = null, string? digest = null, CancellationToken cancellationToken = default)
    {
        var path = GuestPath(node, kind, vmid, "config");
        await SendAsync(HttpMethod.Put, path, ConfigChanges(changes, deleteKeys, digest), PveJsonContext.Default.AnyEnvelope, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Upid?> UpdateVmConfigAsync(string node, int vmid, IReadOnlyDictionary<string, string> changes, IReadOnlyCollection<string>? deleteKeys = null, string? digest = null, CancellationToken cancellationToken = default)
    {
        var path = GuestPath(node, GuestType.Qemu, vmid, "config");
        var envelope = await SendAsync(HttpMethod.Post, path, ConfigChanges(changes, deleteKeys, digest), PveJsonContext.Default.StringEnvelope, cancellationToken);
        return envelope.Data is { } text ? ParseUpid(text, HttpMethod.Post, path) : null;
    }

    /// <inheritdoc />
    public async Task<MigratePrecondition> GetMigratePreconditionAsync(string node, GuestType kind, int vmid, string? target = null, CancellationToken cancellationToken = default)
    {
        var path = GuestPath(node, kind, vmid, "migrate");
        var parameters = new PveParameters().Add("target", target);
        return kind == GuestType.Qemu
            ? await GetAsync(path, parameters, PveJsonContext.Default.QemuMigratePreconditionEnvelope, cancellationToken)
            : (await GetAsync(path, parameters, PveJsonContext.Default.LxcMigratePreconditionEnvelope, cancellationToken)).ToPrecondition();
    }

    /// <inheritdoc />
    public Task<Upid> MigrateGuestAsync(string node, GuestType kind, int vmid, MigrateOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidateNode(options.Target, $"{nameof(options)}.{nameof(options.Target)}");
        var path = GuestPath(node, kind, vmid, "migrate");
        var parameters = new PveParameters().Add("target", options.Target).Add("online", options.Online);
        if (kind == GuestType.Qemu)
        {
            if (options.Restart is not null || options.Timeout is not null)
            {
                throw new ArgumentException("Restart and Timeout apply to containers only; a running VM migrates with Online = true.", nameof(options));
            }

            parameters.Add("with-local-disks", options.WithLocalDisks).Add("targetstorage", options.TargetStorage);
        }
        else
        {
            if (options.WithLocalDisks is not null)
            {
                throw new ArgumentException("WithLocalDisks applies to VMs only; container volumes move with the migration.", nameof(options));
            }

            parameters.Add("restart", options.Restart).Add("timeout", Seconds(options.Timeout, nameof(options))).Add("target-storage", options.TargetStorage);
        }

        return SendForTaskAsync(HttpMethod.Post, path, parameters, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Upid> CloneGuestAsync(string node, GuestType kind, int vmid, CloneOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidateVmId(options.NewId, $"{nameof(options)}.{nameof(options.NewId)}");
        var parameters = new PveParameters()
            .Add("newid", options.NewId)
            .Add(kind == GuestType.Qemu ? "name" : "hostname", options.Name)
            .Add("target", options.TargetNode)
            .Add("full", options.Full)
            .Add("storage", options.Storage)
            .Add("description", options.Description)
            .Add("pool", options.Pool)
            .Add("snapname", options.SnapshotName);
        return SendForTaskAsync(HttpMethod.Post, GuestPath(node, kind, vmid, "clone"), parameters, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Upid> CreateContainerAsync(string node, CreateContainerOptions options, CancellationToken cancellationToken = default)
    {
        ValidateNode(node);
        ArgumentNullException.ThrowIfNull(options);
        ValidateVmId(options.VmId, $"{nameof(options)}.{nameof(options.VmId)}");
        ArgumentException.ThrowIfNullOrWhiteSpace(options.OsTemplate, $"{nameof(options)}.{nameof(options.OsTemplate)}");
        if (options.RootFsSizeGiB is { } size && (size <= 0 || options.Storage is null))
        {
            throw new ArgumentException("RootFsSizeGiB needs a positive size and a Storage to allocate it on.", nameof(options));
        }

        var parameters = new PveParameters()
            .Add("vmid", options.VmId)
            .Add("ostemplate", options.OsTemplate)
            .Add("hostname", options.Hostname)
            .Add("memory", options.MemoryMiB)
            .Add("swap", options.SwapMiB)
            .Add("cores", options.Cores)
            .Add("storage", options.Storage)
            .Add("rootfs", options.RootFsSizeGiB is { } gib ? $"{options.Storage}:{gib.ToString(CultureInfo.InvariantCulture)}" : null)
            .Add("net0", options.Net0)
            .Add("start", options.Start)
            .Add("unprivileged", options.Unprivileged)
            .Add("features", options.Features)
            .Add("ssh-public-keys", options.SshPublicKeys)
            .Add("pool", options.Pool)
            .Add("tags", options.Tags)
            .Add("description", options.Description);
        foreach (var (name, value) in options.Extra)
        {
            if (parameters.Contains(name))
            {
                throw new ArgumentException($"Extra parameter '{name}' duplicates a typed option; set it there instead.", nameof(options));
            }

            parameters.Add(name, value);
        }

        return SendForTaskAsync(HttpMethod.Post, ApiPath.Of("nodes", node, "lxc"), parameters, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Upid> DeleteGuestAsync(string node, GuestType kind, int vmid, bool purge = false, CancellationToken cancellationToken = default) =>
        SendForTaskAsync(HttpMethod.Delete, GuestPath(node, kind, vmid), new PveParameters().Add("purge", purge ? true : null), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<GuestSnapshot>> ListSnapshotsAsync(string node, GuestType kind, int vmid, CancellationToken cancellationToken = default) =>
        GetAsync(GuestPath(node, kind, vmid, "snapshot"), null, PveJsonContext.Default.SnapshotsEnvelope, cancellationToken);

    /// <inheritdoc />
    public Task<Upid> CreateSnapshotAsync(string node, GuestType kind, int vmid, string name, string? description = null, bool includeVmState = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (includeVmState && kind != GuestType.Qemu)
        {
            throw new ArgumentException("Only VMs can save their RAM in a snapshot.", nameof(includeVmState));
        }

        var parameters = new PveParameters().Add("snapname", name).Add("description", description).Add("vmstate", includeVmState ? true : null);
        return SendForTaskAsync(HttpMethod.Post, GuestPath(node, kind, vmid, "snapshot"), parameters, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Upid> DeleteSnapshotAsync(string node, GuestType kind, int vmid, string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return SendForTaskAsync(HttpMethod.Delete, GuestPath(node, kind, vmid, "snapshot", name), null, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Upid> RollbackSnapshotAsync(string node, GuestType kind, int vmid, string name, bool start = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);

        // Only sent when set: PVE rejects parameters it does not know, and older versions lack 'start'.
        var parameters = new PveParameters().Add("start", start ? true : null);
        return SendForTaskAsync(HttpMethod.Post, GuestPath(node, kind, vmid, "snapshot", name, "rollback"), parameters, cancellationToken);
    }

    private static PveParameters ConfigChanges(IReadOnlyDictionary<string, string> changes, IReadOnlyCollection<string>? deleteKeys, string? digest)
    {
        ArgumentNullException.ThrowIfNull(changes);
        deleteKeys ??= [];
        if (changes.Count == 0 && deleteKeys.Count == 0)
        {
            throw new ArgumentException("Nothing to change: give at least one change or one key to delete.", nameof(changes));
        }

        var parameters = new PveParameters();
        foreach (var (key, value) in changes)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(key, nameof(changes));
            ArgumentNullException.ThrowIfNull(value, nameof(changes));
            if (deleteKeys.Contains(key, StringComparer.Ordinal))
            {
                throw new ArgumentException($"'{key}' is both changed and deleted.", nameof(deleteKeys));
            }

            parameters.Add(key, value);
        }

        return parameters.Add("delete", deleteKeys.Count > 0 ? string.Join(',', deleteKeys) : null).Add("digest", digest);
    }

    /// <summary>Config values as PVE wrote them: strings verbatim, numbers in their JSON form, booleans as 1/0.</summary>
    private static string? AsConfigText(JsonElement element) =>
        element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Number => element.GetRawText(),
            JsonValueKind.True => "1",
            JsonValueKind.False => "0",
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => element.GetRawText(),
        };

    private static long? Seconds(TimeSpan? value, string parameterName)
    {
        if (value is not { } span)
        {
            return null;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(span, TimeSpan.Zero, parameterName);
        return (long)Math.Ceiling(span.TotalSeconds);
    }

    private static ApiPath GuestPath(string node, GuestType kind, int vmid, params ReadOnlySpan<string> rest)
    {
        ValidateNode(node);
        ValidateVmId(vmid);
        string[] segments = ["nodes", node, Segment(kind), vmid.ToString(CultureInfo.InvariantCulture), .. rest];
        return ApiPath.Of(segments);
    }

    private static string Segment(GuestType kind) =>
        kind switch
        {
            GuestType.Qemu => "qemu",
            GuestType.Lxc => "lxc",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown guest kind."),
        };
}
