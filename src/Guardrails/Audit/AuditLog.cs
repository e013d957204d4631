using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using PveAgent.Core.Plans;
using PveAgent.Core.Security;

namespace PveAgent.Guardrails.Audit;

/// <summary>
/// The append-only audit log <c>audit.jsonl</c> in the state directory: every plan, verdict, approval, action and result,
/// one JSON object per line, each carrying the SHA-256 of the line before it (<see cref="VerifyAsync"/> finds any edit of
/// an earlier line). Every string goes through the <see cref="SecretRedactor"/> before it is written.
/// </summary>
/// <remarks>
/// Writes are synchronous and flushed to disk before <see cref="Append"/> returns, so the record of an action is never lost
/// to a crash right after it; an exclusive lock on the file keeps two processes from interleaving (or forking the chain).
/// </remarks>
public sealed class AuditLog
{
    /// <summary>File name of the log inside the state directory.</summary>
    public const string FileName = "audit.jsonl";

    /// <summary>The <see cref="AuditRecord.Prev"/> of the first record.</summary>
    public static readonly string Genesis = new('0', 64);

    private static readonly TimeSpan LockRetry = TimeSpan.FromMilliseconds(15);
    private static readonly TimeSpan LockGiveUp = TimeSpan.FromSeconds(30);

    private static readonly AuditJsonContext Json = new(new JsonSerializerOptions(AuditJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    private readonly SecretRedactor _redactor;
    private readonly TimeProvider _timeProvider;

    /// <summary>A log in the file at <paramref name="path"/> (created with owner-only permissions on first write).</summary>
    /// <param name="path">Path of <c>audit.jsonl</c>.</param>
    /// <param name="redactor">Masks secrets in everything written; a fresh one (token-shaped values only) when null.</param>
    /// <param name="timeProvider">Clock for record times; the system clock when null.</param>
    public AuditLog(string path, SecretRedactor? redactor = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _redactor = redactor ?? new SecretRedactor();
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Full path of the log file.</summary>
    public string Path { get; }

    /// <summary>A log at <c>audit.jsonl</c> inside <paramref name="stateDirectory"/>.</summary>
    public static AuditLog InDirectory(string stateDirectory, SecretRedactor? redactor = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateDirectory);
        return new AuditLog(System.IO.Path.Combine(stateDirectory, FileName), redactor, timeProvider);
    }

    /// <summary>Appends <paramref name="record"/> (redacted, with its sequence number, time and chain hash filled in) and returns it as written.</summary>
    public AuditRecord Append(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var redacted = Redact(record) with { At = _timeProvider.GetUtcNow() };
        using var stream = OpenLocked();
        var (last, endsWithNewline) = ReadLastLine(stream);
        var written = redacted with
        {
            Seq = last is null ? 1 : SequenceOf(last, stream) + 1,
            Prev = last is null ? Genesis : Hash(last),
        };
        var line = JsonSerializer.SerializeToUtf8Bytes(written, Json.AuditRecord);
        stream.Seek(0, SeekOrigin.End);
        if (last is not null && !endsWithNewline)
        {
            // An earlier write was cut short; end it so this record starts on its own line (VerifyAsync will name the broken one).
            stream.WriteByte((byte)'\n');
        }

        stream.Write(line);
        stream.WriteByte((byte)'\n');
        stream.Flush(flushToDisk: true);
        return written;
    }

    /// <summary>Records a plan as made (the plan itself, redacted, is attached).</summary>
    public AuditRecord PlanCreated(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return Append(new AuditRecord
        {
            Kind = AuditKind.PlanCreated,
            PlanId = plan.Id,
            Actor = plan.Planner,
            Message = $"plan {plan.Id} made by {plan.Planner} with {plan.Steps.Count} step{(plan.Steps.Count == 1 ? "" : "s")}: {plan.Intent}",
            Data = JsonSerializer.SerializeToElement<JsonNode>(PlanJson.ToJsonObject(plan, _redactor), Json.JsonNode),
        });
    }

    /// <summary>Records the verdict of every step of <paramref name="plan"/>, one record each.</summary>
    public IReadOnlyList<AuditRecord> Verdicts(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return [.. plan.Steps.Select(step => Append(new AuditRecord
        {
            Kind = AuditKind.Verdict,
            PlanId = plan.Id,
            Step = step.Index,
            Decision = DecisionName(step.Verdict.Decision),
            Reasons = step.Verdict.Reasons,
            Message = $"step {step.Index} ({step.Tool}: {step.Action.Describe()}): {DecisionName(step.Verdict.Decision)}",
        }))];
    }

    /// <summary>Records that <paramref name="approver"/> approved (or declined) <paramref name="plan"/>.</summary>
    public AuditRecord Approval(Plan plan, Approver approver, bool granted)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var actor = ActorName(approver);
        return Append(new AuditRecord
        {
            Kind = AuditKind.Approval,
            PlanId = plan.Id,
            Actor = actor,
            Decision = granted ? "approved" : "declined",
            Message = $"plan {plan.Id} {(granted ? "approved" : "declined")} by {actor}",
        });
    }

    /// <summary>Records what an apply event means for the audit (step started or finished, compensation, end, refusal); null for events it does not keep (progress ticks).</summary>
    public AuditRecord? Record(ApplyProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var record = progress.Kind switch
        {
            ApplyProgressKind.StepStarting => new AuditRecord { Kind = AuditKind.StepStarted, Message = progress.Message },
            ApplyProgressKind.StepFinished => new AuditRecord { Kind = AuditKind.StepFinished, Message = progress.Message, Status = StatusName(progress.Status), Upid = progress.Upid, Error = progress.Error },
            ApplyProgressKind.CompensationFinished => new AuditRecord { Kind = AuditKind.Compensation, Message = progress.Message, Status = StatusName(progress.Status), Upid = progress.Upid, Error = progress.Error },
            ApplyProgressKind.Finished when progress.Report is { } report => new AuditRecord
            {
                Kind = AuditKind.ApplyFinished,
                Message = report.Summary,
                Status = report.Status.ToString().ToLowerInvariant(),
                Data = JsonDocument.Parse(PlanJson.SerializeReport(report)).RootElement.Clone(),
            },
            ApplyProgressKind.Refused => new AuditRecord { Kind = AuditKind.Refused, Message = progress.Message, Status = "refused", Reasons = progress.Report?.Reasons },
            ApplyProgressKind.Stale => new AuditRecord
            {
                Kind = AuditKind.Stale,
                Message = progress.Message,
                Status = "stale",
                Reasons = progress.Report?.FailedPreconditions.Select(f => $"{f.Fact}: {f.Now}").ToList(),
            },
            _ => null,
        };
        return record is null ? null : Append(record with { PlanId = progress.PlanId, Step = progress.Step });
    }

    /// <summary>The records written at or after <paramref name="since"/> and about <paramref name="planId"/> (when given), oldest first.</summary>
    /// <exception cref="InvalidDataException">A line is not an audit record; the message names it.</exception>
    public async Task<IReadOnlyList<AuditRecord>> ReadAsync(DateTimeOffset? since = null, string? planId = null, CancellationToken cancellationToken = default)
    {
        var records = new List<AuditRecord>();
        var lineNumber = 0;
        foreach (var line in await ReadLinesAsync(cancellationToken))
        {
            lineNumber++;
            var record = Parse(line) ?? throw new InvalidDataException(
                $"{Path} line {lineNumber} is not an audit record; run `pve-agent audit --verify` to check the whole log.");
            if ((since is null || record.At >= since) && (planId is null || record.PlanId == planId))
            {
                records.Add(record);
            }
        }

        return records;
    }

    /// <summary>Checks that every line is a record, numbered in order, and carries the hash of the line before it.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Path))
        {
            return new AuditVerification { Intact = true, Records = 0 };
        }

        var bytes = await File.ReadAllBytesAsync(Path, cancellationToken);
        var lines = SplitLines(bytes, out var endsWithNewline);
        var previous = Genesis;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (i == lines.Count - 1 && !endsWithNewline)
            {
                return Broken(i, "the line is incomplete: a write was cut short");
            }

            if (Parse(line) is not { } record)
            {
                return Broken(i, "the line is not an audit record");
            }

            if (record.Seq != i + 1)
            {
                return Broken(i, $"the record is numbered {record.Seq}, expected {i + 1}: a record was removed or inserted");
            }

            if (!string.Equals(record.Prev, previous, StringComparison.Ordinal))
            {
                return Broken(i, i == 0
                    ? "the first record does not start the chain: earlier records were removed"
                    : $"the record does not carry the hash of line {i}: line {i} was changed after it was written");
            }

            previous = Hash(line);
        }

        return new AuditVerification { Intact = true, Records = lines.Count };

        static AuditVerification Broken(int index, string problem) =>
            new() { Intact = false, Records = index, BrokenAtLine = index + 1, Problem = problem };
    }

    /// <summary>How an approver is written in the log.</summary>
    public static string ActorName(Approver approver) => approver switch
    {
        Approver.Person => "person",
        Approver.Unattended => "--yes",
        Approver.McpElicitation => "mcp-elicitation",
        _ => approver.ToString().ToLowerInvariant(),
    };

    private static string DecisionName(PolicyDecision decision) => decision switch
    {
        PolicyDecision.Allow => "allow",
        PolicyDecision.NeedsApproval => "needs-approval",
        _ => "deny",
    };

    private static string? StatusName(StepStatus? status) => status?.ToString().ToLowerInvariant();

    private static string Hash(byte[] line) => Convert.ToHexStringLower(SHA256.HashData(line));

    private static AuditRecord? Parse(byte[] line)
    {
        try
        {
            return JsonSerializer.Deserialize(line, Json.AuditRecord);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private AuditRecord Redact(AuditRecord record)
    {
        JsonElement? data = null;
        if (record.Data is { } element)
        {
            var node = JsonNode.Parse(element.GetRawText());
            PlanJson.Redact(node, _redactor);
            data = JsonSerializer.SerializeToElement(node, Json.JsonNode);
        }

        return record with
        {
            PlanId = Maybe(record.PlanId),
            Actor = Maybe(record.Actor),
            Decision = Maybe(record.Decision),
            Status = Maybe(record.Status),
            Upid = Maybe(record.Upid),
            Message = _redactor.Redact(record.Message),
            Error = Maybe(record.Error),
            Reasons = record.Reasons?.Select(_redactor.Redact).ToList(),
            Data = data,
        };

        string? Maybe(string? text) => text is null ? null : _redactor.Redact(text);
    }

    private static long SequenceOf(byte[] lastLine, FileStream stream)
    {
        if (Parse(lastLine) is { Seq: > 0 } last)
        {
            return last.Seq;
        }

        // The last line is damaged: number on from the count of lines, so the damage stays visible and the log stays usable.
        stream.Seek(0, SeekOrigin.Begin);
        var count = 0L;
        int b;
        while ((b = stream.ReadByte()) >= 0)
        {
            count += b == '\n' ? 1 : 0;
        }

        return count + 1;
    }

    private static (byte[]? Line, bool EndsWithNewline) ReadLastLine(FileStream stream)
    {
        var length = stream.Length;
        if (length == 0)
        {
            return (null, true);
        }

        stream.Seek(length - 1, SeekOrigin.Begin);
        var endsWithNewline = stream.ReadByte() == '\n';
        var end = endsWithNewline ? length - 1 : length;
        var start = end;
        var buffer = new byte[4096];
        while (start > 0)
        {
            var chunk = (int)Math.Min(buffer.Length, start);
            stream.Seek(start - chunk, SeekOrigin.Begin);
            stream.ReadExactly(buffer, 0, chunk);
            var newline = Array.LastIndexOf(buffer, (byte)'\n', chunk - 1, chunk);
            if (newline >= 0)
            {
                start = start - chunk + newline + 1;
                break;
            }

            start -= chunk;
        }

        var line = new byte[end - start];
        stream.Seek(start, SeekOrigin.Begin);
        stream.ReadExactly(line);
        return (line, endsWithNewline);
    }

    private async Task<IReadOnlyList<byte[]>> ReadLinesAsync(CancellationToken cancellationToken) =>
        File.Exists(Path) ? SplitLines(await File.ReadAllBytesAsync(Path, cancellationToken), out _) : [];

    private static List<byte[]> SplitLines(byte[] bytes, out bool endsWithNewline)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '\n')
            {
                lines.Add(bytes[start..i]);
                start = i + 1;
            }
        }

        endsWithNewline = start == bytes.Length;
        if (!endsWithNewline)
        {
            lines.Add(bytes[start..]);
        }

        return lines;
    }

    private FileStream OpenLocked()
    {
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            try
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
                var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
                if (!OperatingSystem.IsWindows())
                {
                    // The log names guests, nodes and plans: nobody else needs to read it.
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                return new FileStream(Path, options);
            }
            catch (IOException) when (TimeProvider.System.GetElapsedTime(started) < LockGiveUp)
            {
                // Another process holds the lock for one append (milliseconds); this waits on the real clock on purpose.
                Thread.Sleep(LockRetry);
            }
            catch (IOException exception)
            {
                throw new IOException(
                    string.Create(CultureInfo.InvariantCulture, $"Cannot write the audit log {Path}: another pve-agent process has held it for {LockGiveUp.TotalSeconds:0} s, or the file is not writable. Check its permissions, or stop the other process."),
                    exception);
            }
        }
    }
}
