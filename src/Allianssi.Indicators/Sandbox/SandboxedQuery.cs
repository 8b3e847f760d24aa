using System.Data.Common;
using DuckDB.NET.Data;

namespace Allianssi.Indicators.Sandbox;

/// <summary>
/// Runs one query on a store connection inside a transaction that is always rolled back, with a
/// time limit: whatever the SQL attempts, the store is left as it was.
/// </summary>
/// <remarks>
/// DuckDB has no statement_timeout; a timer cancels the command (which interrupts the
/// connection) when the limit passes, and the query then fails with <see cref="SandboxTimeoutException"/>.
/// </remarks>
public static class SandboxedQuery
{
    /// <summary>Runs <paramref name="sql"/> and hands the reader to <paramref name="read"/>.</summary>
    public static T Run<T>(DuckDBConnection connection, string sql, TimeSpan timeout, Func<DbDataReader, T> read, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(read);
        Execute(connection, "BEGIN TRANSACTION");
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var timeoutSource = new CancellationTokenSource(timeout);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeoutSource.Token, cancellationToken);
            using var registration = linked.Token.Register(() =>
            {
                try
                {
                    command.Cancel();
                }
                catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException or DuckDBException)
                {
                    // The command finished or was disposed meanwhile: nothing left to cancel.
                }
            });
            try
            {
                using var reader = command.ExecuteReader();
                var result = read(reader);
                linked.Token.ThrowIfCancellationRequested();
                return result;
            }
            catch (Exception e) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested && e is not SandboxTimeoutException)
            {
                throw new SandboxTimeoutException($"The query did not finish within {timeout.TotalSeconds:0.###} s and was stopped.", e);
            }
            catch (Exception e) when (cancellationToken.IsCancellationRequested && e is not OperationCanceledException)
            {
                throw new OperationCanceledException("The computation was cancelled.", e, cancellationToken);
            }
        }
        finally
        {
            TryRollback(connection);
        }
    }

    private static void TryRollback(DuckDBConnection connection)
    {
        try
        {
            Execute(connection, "ROLLBACK");
        }
        catch (DuckDBException)
        {
            // A failed statement may already have aborted the transaction; nothing was committed.
        }
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

/// <summary>A query ran past its time limit and was stopped.</summary>
public sealed class SandboxTimeoutException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SandboxTimeoutException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public SandboxTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SandboxTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
