using System.Collections.Frozen;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Allianssi.Application.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Allianssi.Application.Data;

/// <summary>
/// A counter of the committed changes to the operational store made by this application (a
/// singleton), so caches of derived results (results, public results) know when to compute again:
/// a cache entry is keyed by the generation it was computed at, and any save or commit that may
/// change a result moves the generation on.
/// </summary>
/// <remarks>
/// <para>
/// Account events and reads leave every result as it was, so they do not move it
/// (<see cref="LeavesResults(AuditEntry)"/>): a sign-in, a sign-out, a change of a user, a report
/// downloaded or a person-month explained. Otherwise every reader's sign-in would throw away every
/// cached settlement.
/// </para>
/// <para>
/// Writes by another process (the command line on the same store) are not seen here; caches bound
/// that staleness with the newest audit entry that may change a result, and a short expiry.
/// </para>
/// </remarks>
public sealed class StoreChanges
{
    /// <summary>The audit entities of account events (sign-in, sign-out, users created or changed).</summary>
    public static readonly FrozenSet<string> AccountEntities = FrozenSet.Create(StringComparer.Ordinal, AuditEntry.UserEntity);

    /// <summary>The audited actions that read and change nothing a result is computed from.</summary>
    public static readonly FrozenSet<string> ReadActions = FrozenSet.Create(StringComparer.Ordinal, AuditEntry.DownloadReport, AuditEntry.ExplainPersonMonth);

    // The audited actions that change no result (LeavesResults), as arrays a query translates.
    private static readonly string[] AccountEntityArray = [.. AccountEntities];
    private static readonly string[] ReadActionArray = [.. ReadActions];

    private long _generation;

    /// <summary>The current generation; it only grows.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>
    /// The version of the recorded changes: the sequence of the newest audit entry that may change a result, whichever
    /// process wrote it (every change of configuration or data is audited), so a cache keyed by it sees a change made by
    /// the command line at its next read; 0 before any.
    /// </summary>
    public static async Task<long> VersionAsync(AllianssiDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.AuditEntries.AsNoTracking()
            .Where(a => !AccountEntityArray.Contains(a.Entity) && !ReadActionArray.Contains(a.Action))
            .MaxAsync(a => (long?)a.Sequence, ct) ?? 0L;
    }

    /// <summary>Moves the generation on (after a save that wrote rows, or a commit).</summary>
    public void Advance() => Interlocked.Increment(ref _generation);

    /// <summary>Whether an audited action leaves every result as it was (an account event or a read).</summary>
    public static bool LeavesResults(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return AccountEntities.Contains(entry.Entity) || ReadActions.Contains(entry.Action);
    }

    /// <summary>
    /// Whether the pending changes of a save leave every result as it was: they touch only accounts (Identity's tables),
    /// audit checkpoints, and audit entries of account events and reads.
    /// </summary>
    internal static bool LeavesResults(ChangeTracker tracker)
    {
        var any = false;
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            any = true;
            var neutral = entry.Entity switch
            {
                AuditEntry audit => LeavesResults(audit),
                AllianssiUser or AuditAnchor or IdentityRole or IdentityUserRole<string> or IdentityUserClaim<string>
                    or IdentityUserLogin<string> or IdentityUserToken<string> or IdentityRoleClaim<string> => true,
                _ => false,
            };
            if (!neutral)
            {
                return false;
            }
        }

        return any;
    }
}

/// <summary>
/// Advances <see cref="StoreChanges"/> after every save and every commit that may change a result (a
/// save inside a caller's transaction is visible to others only when it commits).
/// </summary>
/// <remarks>
/// A save that commits by itself (in no transaction, EF's own, or the one <see cref="TrustInterceptor"/> opens for its
/// audit entries) and whose changes all leave results as they were (<see cref="StoreChanges.LeavesResults(ChangeTracker)"/>)
/// does not advance it. The commit of a caller's transaction always advances it: the transaction may hold rows written
/// by SQL, which no change tracker sees.
/// </remarks>
/// <param name="changes">The application's counter; null for a context made outside the application's services.</param>
/// <param name="trust">The interceptor that opens a transaction of its own for a save with audit entries.</param>
internal sealed class StoreChangesInterceptor(StoreChanges? changes, TrustInterceptor trust) : DbTransactionInterceptor, ISaveChangesInterceptor
{
    /// <summary>Per context: the saves since its last advance (or since the caller's transaction began).</summary>
    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Saving(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Saving(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Failed(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed(eventData.Context);
        return Task.CompletedTask;
    }

    public void SaveChangesCanceled(DbContextEventData eventData) => Failed(eventData.Context);

    public Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed(eventData.Context);
        return Task.CompletedTask;
    }

    public InterceptionResult ThrowingConcurrencyException(ConcurrencyExceptionEventData eventData, InterceptionResult result)
    {
        Failed(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(ConcurrencyExceptionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Failed(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => RolledBack(eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        RolledBack(eventData.Context);
        return Task.CompletedTask;
    }

    private void Saving(DbContext? context)
    {
        if (changes is null || context is null)
        {
            return;
        }

        var pending = _pending.GetOrCreateValue(context);
        pending.LeavesResults &= StoreChanges.LeavesResults(context.ChangeTracker);
        // Outside a caller's transaction the save commits by itself (in a transaction of its own, or none). The trust
        // interceptor, registered first, has opened its transaction by now when the save adds audit entries.
        var transaction = context.Database.CurrentTransaction;
        pending.OwnCommit = transaction is null || trust.OwnsTransaction(context, transaction);
    }

    private void Saved(DbContext? context)
    {
        if (changes is null || context is null || !_pending.TryGetValue(context, out var pending) || !pending.OwnCommit)
        {
            return;
        }

        _pending.Remove(context);
        if (!pending.LeavesResults)
        {
            changes.Advance();
        }
    }

    private void Failed(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending) && pending.OwnCommit)
        {
            _pending.Remove(context);
        }
    }

    private void Committed(DbContext? context)
    {
        if (changes is null)
        {
            return;
        }

        if (context is null || !_pending.TryGetValue(context, out var pending))
        {
            changes.Advance();
            return;
        }

        if (pending.OwnCommit)
        {
            // The transaction a save opened for itself: the save's end decides (Saved).
            return;
        }

        // A caller's transaction: its tracked saves do not tell what it wrote by SQL.
        _pending.Remove(context);
        changes.Advance();
    }

    private void RolledBack(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending) && !pending.OwnCommit)
        {
            _pending.Remove(context);
        }
    }

    private sealed class Pending
    {
        public bool LeavesResults { get; set; } = true;

        public bool OwnCommit { get; set; }
    }
}
