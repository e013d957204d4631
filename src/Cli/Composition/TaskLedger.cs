using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PveAgent.Cli.Composition;

/// <summary>
/// The AI tasks PveAgent processes on this machine have started and finished (<c>tasks.db</c> in the state directory),
/// so <c>pve-agent queue</c> can show what is in flight from every terminal, not only its own.
/// </summary>
internal sealed class TaskLedger
{
    private readonly string _connectionString;

    public TaskLedger(string stateDirectory)
    {
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(stateDirectory, "tasks.db"),
            Pooling = false,
            DefaultTimeout = 10,
        }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS tasks (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                plan_id TEXT, type TEXT NOT NULL, model TEXT, node TEXT NOT NULL, service TEXT NOT NULL,
                priority TEXT NOT NULL, pid INTEGER NOT NULL, started TEXT NOT NULL,
                finished TEXT, status TEXT NOT NULL DEFAULT 'running', latency_ms REAL, error TEXT);
            """;
        command.ExecuteNonQuery();
    }

    public long Start(string? planId, string type, string? model, string node, string service, string priority, DateTimeOffset at)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO tasks (plan_id, type, model, node, service, priority, pid, started) VALUES ($plan, $type, $model, $node, $service, $priority, $pid, $at); SELECT last_insert_rowid();";
        command.Parameters.AddWithValue("$plan", (object?)planId ?? DBNull.Value);
        command.Parameters.AddWithValue("$type", type);
        command.Parameters.AddWithValue("$model", (object?)model ?? DBNull.Value);
        command.Parameters.AddWithValue("$node", node);
        command.Parameters.AddWithValue("$service", service);
        command.Parameters.AddWithValue("$priority", priority);
        command.Parameters.AddWithValue("$pid", Environment.ProcessId);
        command.Parameters.AddWithValue("$at", at.ToString("O", CultureInfo.InvariantCulture));
        return (long)command.ExecuteScalar()!;
    }

    public void Finish(long id, string status, string? node, string? service, double? latencyMs, string? error, DateTimeOffset at)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE tasks SET finished = $at, status = $status, node = COALESCE($node, node), service = COALESCE($service, service), latency_ms = $latency, error = $error WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$at", at.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$status", status);
        command.Parameters.AddWithValue("$node", (object?)node ?? DBNull.Value);
        command.Parameters.AddWithValue("$service", (object?)service ?? DBNull.Value);
        command.Parameters.AddWithValue("$latency", (object?)latencyMs ?? DBNull.Value);
        command.Parameters.AddWithValue("$error", (object?)error ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    /// <summary>Tasks still running, newest first; a task whose process is gone is reported as abandoned.</summary>
    public IReadOnlyList<TaskLedgerEntry> Running() => Read("WHERE status = 'running' ORDER BY id DESC", 200);

    /// <summary>The last <paramref name="count"/> finished tasks, newest first.</summary>
    public IReadOnlyList<TaskLedgerEntry> Recent(int count) => Read("WHERE status <> 'running' ORDER BY id DESC", count);

    private List<TaskLedgerEntry> Read(string where, int limit)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id, plan_id, type, model, node, service, priority, pid, started, finished, status, latency_ms, error FROM tasks {where} LIMIT $limit";
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var entries = new List<TaskLedgerEntry>();
        while (reader.Read())
        {
            var pid = reader.GetInt32(7);
            var status = reader.GetString(10);
            if (status == "running" && !ProcessAlive(pid))
            {
                status = "abandoned";
            }

            entries.Add(new TaskLedgerEntry(
                reader.GetInt64(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.GetString(6),
                pid,
                DateTimeOffset.Parse(reader.GetString(8), CultureInfo.InvariantCulture),
                reader.IsDBNull(9) ? null : DateTimeOffset.Parse(reader.GetString(9), CultureInfo.InvariantCulture),
                status,
                reader.IsDBNull(11) ? null : reader.GetDouble(11),
                reader.IsDBNull(12) ? null : reader.GetString(12)));
        }

        return entries;
    }

    private static bool ProcessAlive(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}

/// <summary>One task in the ledger.</summary>
internal sealed record TaskLedgerEntry(
    long Id, string? PlanId, string Type, string? Model, string Node, string Service, string Priority, int Pid,
    DateTimeOffset Started, DateTimeOffset? Finished, string Status, double? LatencyMs, string? Error);
