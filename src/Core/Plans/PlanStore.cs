using System.Globalization;
using Microsoft.Data.Sqlite;
using PveAgent.Core.Security;

namespace PveAgent.Core.Plans;

/// <summary>
/// Plans, their apply journal and chat history in one SQLite file (<c>plans.db</c> in the state directory). Safe for
/// several processes at once (WAL mode, busy timeout, every write one statement or transaction); every text stored goes
/// through the <see cref="SecretRedactor"/> first, so the API token never reaches the disk.
/// </summary>
public sealed class PlanStore : IPlanJournal
{
    /// <summary>File name of the database inside the state directory.</summary>
    public const string FileName = "plans.db";

    private const int SchemaVersion = 1;
    private const int IdAttempts = 64;

    // The journal is the crash-recovery record: the triggers make "append-only" a property of the file, not a promise of
    // this class, so neither a bug here nor a later tool can rewrite history.
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS plans (
            id       TEXT PRIMARY KEY,
            intent   TEXT NOT NULL,
            created  TEXT NOT NULL,
            status   TEXT NOT NULL,
            updated  TEXT NOT NULL,
            json     TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS plans_created ON plans(created);
        CREATE TABLE IF NOT EXISTS journal (
            seq      INTEGER PRIMARY KEY AUTOINCREMENT,
            plan_id  TEXT NOT NULL REFERENCES plans(id),
            kind     TEXT NOT NULL,
            step     INTEGER NOT NULL,
            attempt  INTEGER NOT NULL,
            state    TEXT NOT NULL,
            action   TEXT,
            upid     TEXT,
            sent_at  TEXT,
            detail   TEXT,
            summary  TEXT,
            error    TEXT,
            at       TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS journal_plan ON journal(plan_id, seq);
        CREATE INDEX IF NOT EXISTS journal_at ON journal(at);
        CREATE TRIGGER IF NOT EXISTS journal_no_update BEFORE UPDATE ON journal
            BEGIN SELECT RAISE(ABORT, 'the plan journal is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS journal_no_delete BEFORE DELETE ON journal
            BEGIN SELECT RAISE(ABORT, 'the plan journal is append-only'); END;
        CREATE TABLE IF NOT EXISTS conversation_turns (
            conversation_id TEXT NOT NULL,
            turn            INTEGER NOT NULL,
            role            TEXT NOT NULL,
            content         TEXT NOT NULL,
            plan_id         TEXT,
            at              TEXT NOT NULL,
            PRIMARY KEY (conversation_id, turn)
        );
        """;

    private static readonly string[] EditableStatuses = [Text(PlanStatus.Pending), Text(PlanStatus.Refused), Text(PlanStatus.Stale)];

    private readonly string _connectionString;
    private readonly SecretRedactor _redactor;
    private readonly TimeProvider _timeProvider;
    private volatile bool _schemaReady;

    /// <summary>A store on the database file at <paramref name="databasePath"/> (created with its directory when missing).</summary>
    /// <param name="databasePath">Path of the SQLite file, usually <c>&lt;state dir&gt;/plans.db</c>.</param>
    /// <param name="redactor">Masks secrets in everything stored; a fresh one (token-shaped values only) when null.</param>
    /// <param name="timeProvider">Clock for status changes; the system clock when null.</param>
    public PlanStore(string databasePath, SecretRedactor? redactor = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        DatabasePath = Path.GetFullPath(databasePath);
        _redactor = redactor ?? new SecretRedactor();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // One connection per operation, never pooled: each operation sees the file as another process left it.
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>A store on <c>plans.db</c> inside <paramref name="stateDirectory"/>.</summary>
    public static PlanStore InDirectory(string stateDirectory, SecretRedactor? redactor = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateDirectory);
        return new PlanStore(Path.Combine(stateDirectory, FileName), redactor, timeProvider);
    }

    /// <summary>A fresh random plan id that no saved plan uses.</summary>
    public async Task<string> NewPlanIdAsync(CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < IdAttempts; attempt++)
        {
            var id = PlanIds.New();
            if (await GetStatusAsync(id, cancellationToken) is null)
            {
                return id;
            }
        }

        throw new InvalidOperationException($"No free plan id found after {IdAttempts} tries; the plan store {DatabasePath} holds too many plans — delete old ones.");
    }

    /// <summary>
    /// Saves a new plan as <see cref="PlanStatus.Pending"/>, or replaces a saved one that has not run yet (e.g. with fresh
    /// verdicts); the plan's strings are redacted first.
    /// </summary>
    /// <exception cref="ArgumentException">The plan's id is not of the form <c>p-3f9a1c</c> (get one from <see cref="NewPlanIdAsync"/>).</exception>
    /// <exception cref="InvalidOperationException">The plan has already been applied (or is being applied): make a new plan instead.</exception>
    public async Task SaveAsync(Plan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (!PlanIds.IsWellFormed(plan.Id))
        {
            throw new ArgumentException($"'{plan.Id}' is not a plan id: plan ids look like p-3f9a1c; get one from {nameof(NewPlanIdAsync)}.", nameof(plan));
        }

        var json = PlanJson.Serialize(plan, _redactor);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO plans (id, intent, created, status, updated, json) VALUES ($id, $intent, $created, $status, $updated, $json)
            ON CONFLICT(id) DO UPDATE SET intent = excluded.intent, json = excluded.json, updated = excluded.updated
            WHERE plans.status IN ({string.Join(", ", EditableStatuses.Select(s => $"'{s}'"))});
            """;
        command.Parameters.AddWithValue("$id", plan.Id);
        command.Parameters.AddWithValue("$intent", _redactor.Redact(plan.Intent));
        command.Parameters.AddWithValue("$created", Instant(plan.CreatedAt));
        command.Parameters.AddWithValue("$status", Text(PlanStatus.Pending));
        command.Parameters.AddWithValue("$updated", Instant(_timeProvider.GetUtcNow()));
        command.Parameters.AddWithValue("$json", json);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            var status = await GetStatusAsync(plan.Id, cancellationToken);
            throw new InvalidOperationException(
                $"Plan {plan.Id} is {Text(status ?? PlanStatus.Applying)} and can no longer be changed; make a new plan instead.");
        }
    }

    /// <summary>The plan with exactly this id, or null.</summary>
    /// <exception cref="PlanFormatException">The stored JSON is damaged.</exception>
    public async Task<StoredPlan?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT json, status, updated FROM plans WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredPlan { Plan = PlanJson.Deserialize(reader.GetString(0)), Status = ParseStatus(reader.GetString(1)), Updated = ParseInstant(reader.GetString(2)) }
            : null;
    }

    /// <summary>Finds a plan by its id or a unique start of it, as a person types it (<c>p-3f9a1c</c>, <c>3f9</c>).</summary>
    public async Task<PlanLookup> FindAsync(string idOrPrefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(idOrPrefix);
        if (PlanIds.NormalizePrefix(idOrPrefix) is not { } prefix)
        {
            return new PlanLookup { Problem = $"'{_redactor.Redact(idOrPrefix)}' is not a plan id: plan ids look like p-3f9a1c (`pve-agent plans` lists them)." };
        }

        // The prefix is checked to be hexadecimal above, so it holds no LIKE wildcard.
        var matches = await QuerySummariesAsync("WHERE id LIKE $prefix || '%' ORDER BY created DESC, id", cancellationToken, ("$prefix", prefix));
        var exact = matches.FirstOrDefault(m => m.Id == prefix);
        return (exact, matches.Count) switch
        {
            (not null, _) or (null, 1) => new PlanLookup { Found = await GetAsync((exact ?? matches[0]).Id, cancellationToken), Candidates = matches },
            (null, 0) => new PlanLookup { Problem = $"No plan {prefix} exists; `pve-agent plans` lists the saved plans." },
            _ => new PlanLookup
            {
                Candidates = matches,
                Problem = $"'{prefix}' matches {matches.Count} plans ({string.Join(", ", matches.Take(5).Select(m => m.Id))}{(matches.Count > 5 ? ", …" : "")}): type more of the id.",
            },
        };
    }

    /// <summary>The most recent plans, newest first.</summary>
    public Task<IReadOnlyList<PlanSummary>> ListAsync(int limit = 50, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return QuerySummariesAsync("ORDER BY created DESC, id LIMIT $limit", cancellationToken, ("$limit", limit));
    }

    /// <summary>The plan applied most recently (by the time its status last changed) and not undone yet, or null.</summary>
    public async Task<StoredPlan?> FindLastAppliedAsync(CancellationToken cancellationToken = default)
    {
        var last = await QuerySummariesAsync("WHERE status = $status ORDER BY updated DESC, created DESC LIMIT 1", cancellationToken,
            ("$status", Text(PlanStatus.Applied)));
        return last.Count == 0 ? null : await GetAsync(last[0].Id, cancellationToken);
    }

    /// <inheritdoc />
    public async Task AppendAsync(JournalEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO journal (plan_id, kind, step, attempt, state, action, upid, sent_at, detail, summary, error, at)
            VALUES ($plan, $kind, $step, $attempt, $state, $action, $upid, $sent, $detail, $summary, $error, $at)
            """;
        command.Parameters.AddWithValue("$plan", entry.PlanId);
        command.Parameters.AddWithValue("$kind", entry.Kind.ToString().ToLowerInvariant());
        command.Parameters.AddWithValue("$step", entry.Step);
        command.Parameters.AddWithValue("$attempt", entry.Attempt);
        command.Parameters.AddWithValue("$state", entry.State.ToString().ToLowerInvariant());
        command.Parameters.AddWithValue("$action", (object?)entry.Action ?? DBNull.Value);
        command.Parameters.AddWithValue("$upid", (object?)entry.Upid ?? DBNull.Value);
        command.Parameters.AddWithValue("$sent", entry.SentAt is { } sent ? Instant(sent) : DBNull.Value);
        command.Parameters.AddWithValue("$detail", Redacted(entry.Detail));
        command.Parameters.AddWithValue("$summary", Redacted(entry.Summary));
        command.Parameters.AddWithValue("$error", Redacted(entry.Error));
        command.Parameters.AddWithValue("$at", Instant(entry.At));
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode == 19 /* SQLITE_CONSTRAINT: the plan row is missing */)
        {
            throw new InvalidOperationException($"Plan {entry.PlanId} is not saved in {DatabasePath}; save it before applying it.", exception);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<JournalEntry>> ReadJournalAsync(string planId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(planId);
        return await QueryJournalAsync("WHERE plan_id = $plan ORDER BY seq", cancellationToken, ("$plan", planId));
    }

    /// <summary>Journal entries written at or after <paramref name="since"/>, of one action kind (<c>guest.migrate</c>) when given, oldest first.</summary>
    public async Task<IReadOnlyList<JournalEntry>> ReadJournalSinceAsync(DateTimeOffset since, string? action = null, CancellationToken cancellationToken = default) =>
        action is null
            ? await QueryJournalAsync("WHERE at >= $since ORDER BY seq", cancellationToken, ("$since", Instant(since)))
            : await QueryJournalAsync("WHERE at >= $since AND action = $action ORDER BY seq", cancellationToken, ("$since", Instant(since)), ("$action", action));

    /// <inheritdoc />
    public async Task<PlanStatus?> GetStatusAsync(string planId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(planId);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT status FROM plans WHERE id = $id";
        command.Parameters.AddWithValue("$id", planId);
        return await command.ExecuteScalarAsync(cancellationToken) is string status ? ParseStatus(status) : null;
    }

    /// <inheritdoc />
    public async Task<bool> TryTransitionAsync(string planId, IReadOnlyCollection<PlanStatus> expected, PlanStatus target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(planId);
        ArgumentNullException.ThrowIfNull(expected);
        if (expected.Count == 0)
        {
            return false;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // One conditional UPDATE: two processes applying the same plan cannot both move it out of Pending.
        command.CommandText = $"UPDATE plans SET status = $next, updated = $updated WHERE id = $id AND status IN ({string.Join(", ", expected.Select(s => $"'{Text(s)}'"))})";
        command.Parameters.AddWithValue("$next", Text(target));
        command.Parameters.AddWithValue("$updated", Instant(_timeProvider.GetUtcNow()));
        command.Parameters.AddWithValue("$id", planId);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <inheritdoc />
    public Task<IDisposable?> TryLockAsync(string planId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(planId);
        if (!PlanIds.IsWellFormed(planId))
        {
            throw new ArgumentException($"'{planId}' is not a plan id.", nameof(planId));
        }

        // One small lock file per plan, never deleted: deleting it while held would let a later process lock a new file
        // of the same name while an earlier one still holds the old.
        var directory = Path.Combine(Path.GetDirectoryName(DatabasePath)!, "plan-locks");
        Directory.CreateDirectory(directory);
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            return Task.FromResult<IDisposable?>(new FileStream(Path.Combine(directory, planId + ".lock"), options));
        }
        catch (IOException)
        {
            return Task.FromResult<IDisposable?>(null);
        }
    }

    /// <summary>Appends a turn to a conversation (numbered after the last one) and returns it as stored.</summary>
    public async Task<ConversationTurn> AppendTurnAsync(string conversationId, string role, string content, string? planId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        ArgumentNullException.ThrowIfNull(content);
        var at = _timeProvider.GetUtcNow();
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO conversation_turns (conversation_id, turn, role, content, plan_id, at)
            SELECT $conversation, COALESCE(MAX(turn), 0) + 1, $role, $content, $plan, $at FROM conversation_turns WHERE conversation_id = $conversation
            RETURNING turn, content
            """;
        command.Parameters.AddWithValue("$conversation", conversationId);
        command.Parameters.AddWithValue("$role", role);
        command.Parameters.AddWithValue("$content", _redactor.Redact(content));
        command.Parameters.AddWithValue("$plan", (object?)planId ?? DBNull.Value);
        command.Parameters.AddWithValue("$at", Instant(at));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new ConversationTurn
        {
            ConversationId = conversationId,
            Turn = reader.GetInt32(0),
            Role = role,
            Content = reader.GetString(1),
            PlanId = planId,
            At = at,
        };
    }

    /// <summary>Every turn of a conversation, in order.</summary>
    public async Task<IReadOnlyList<ConversationTurn>> ReadConversationAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT turn, role, content, plan_id, at FROM conversation_turns WHERE conversation_id = $conversation ORDER BY turn";
        command.Parameters.AddWithValue("$conversation", conversationId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var turns = new List<ConversationTurn>();
        while (await reader.ReadAsync(cancellationToken))
        {
            turns.Add(new ConversationTurn
            {
                ConversationId = conversationId,
                Turn = reader.GetInt32(0),
                Role = reader.GetString(1),
                Content = reader.GetString(2),
                PlanId = reader.IsDBNull(3) ? null : reader.GetString(3),
                At = ParseInstant(reader.GetString(4)),
            });
        }

        return turns;
    }

    private async Task<IReadOnlyList<PlanSummary>> QuerySummariesAsync(string tail, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, intent, created, status, updated FROM plans " + tail;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<PlanSummary>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new PlanSummary
            {
                Id = reader.GetString(0),
                Intent = reader.GetString(1),
                Created = ParseInstant(reader.GetString(2)),
                Status = ParseStatus(reader.GetString(3)),
                Updated = ParseInstant(reader.GetString(4)),
            });
        }

        return result;
    }

    private async Task<IReadOnlyList<JournalEntry>> QueryJournalAsync(string tail, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT plan_id, kind, step, attempt, state, action, upid, sent_at, detail, summary, error, at FROM journal " + tail;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<JournalEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new JournalEntry
            {
                PlanId = reader.GetString(0),
                Kind = Enum.Parse<JournalKind>(reader.GetString(1), ignoreCase: true),
                Step = reader.GetInt32(2),
                Attempt = reader.GetInt32(3),
                State = Enum.Parse<StepState>(reader.GetString(4), ignoreCase: true),
                Action = NullableString(reader, 5),
                Upid = NullableString(reader, 6),
                SentAt = NullableString(reader, 7) is { } sent ? ParseInstant(sent) : null,
                Detail = NullableString(reader, 8),
                Summary = NullableString(reader, 9),
                Error = NullableString(reader, 10),
                At = ParseInstant(reader.GetString(11)),
            });
        }

        return result;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_schemaReady)
        {
            await EnsureSchemaAsync(cancellationToken);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragmas = connection.CreateCommand();
            pragmas.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON;";
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    // Idempotent (IF NOT EXISTS), so two callers racing here, in one process or two, both succeed.
    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(DatabasePath)!;
        if (!Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // WAL lets a reader (`pve-agent plans`) work while another process applies; the mode is stored in the file.
        command.CommandText = $"PRAGMA busy_timeout = 30000; PRAGMA journal_mode = WAL; {Schema} PRAGMA user_version = {SchemaVersion};";
        await command.ExecuteNonQueryAsync(cancellationToken);
        _schemaReady = true;
    }

    private object Redacted(string? text) => text is null ? DBNull.Value : _redactor.Redact(text);

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static string Text(PlanStatus status) => status.ToString().ToLowerInvariant();

    private static PlanStatus ParseStatus(string text) => Enum.Parse<PlanStatus>(text, ignoreCase: true);

    // UTC with a fixed width, so that text order is time order in SQL comparisons.
    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseInstant(string text) =>
        DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
