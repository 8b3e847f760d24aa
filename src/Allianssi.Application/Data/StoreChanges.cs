using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Allianssi.Application.Data;

/// <summary>
/// A counter of the committed changes to the operational store made by this application (a
/// singleton), so caches of derived results (the public results) know when to compute again: a
/// cache entry is keyed by the generation it was computed at, and any save or commit moves the
/// generation on.
/// </summary>
/// <remarks>
/// Writes by another process (the command line on the same store) are not seen here; caches bound
/// that staleness with a short expiry.
/// </remarks>
public sealed class StoreChanges
{
    private long _generation;

    /// <summary>The current generation; it only grows.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Moves the generation on (after a save that wrote rows, or a commit).</summary>
    public void Advance() => Interlocked.Increment(ref _generation);
}

/// <summary>
/// Advances <see cref="StoreChanges"/> after every save and every commit (a save inside a caller's
/// transaction is visible to others only when it commits).
/// </summary>
/// <param name="changes">The application's counter; null for a context made outside the application's services.</param>
internal sealed class StoreChangesInterceptor(StoreChanges? changes) : DbTransactionInterceptor, ISaveChangesInterceptor
{
    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        changes?.Advance();
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        changes?.Advance();
        return ValueTask.FromResult(result);
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => changes?.Advance();

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        changes?.Advance();
        return Task.CompletedTask;
    }
}
