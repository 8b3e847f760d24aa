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

    private long _generation;

    /// <summary>The current generation; it only grows.</summary>
    public long Generation => Interlocked.Read(ref _generation);

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
/// A save whose changes all leave results as they were (<see cref="StoreChanges.LeavesResults(ChangeTracker)"/>) does
/// not advance it, and neither does the commit of a caller's transaction whose saves were all such. A commit after no
/// tracked save (rows written by SQL in the transaction) advances it.
/// </remarks>
/// <param name="changes">The application's counter; null for a context made outside the application's services.</param>
internal sealed class StoreChangesInterceptor(StoreChanges? changes) : DbTransactionInterceptor, ISaveChangesInterceptor
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

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context, eventData.TransactionId);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context, eventData.TransactionId);
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
        // Outside a caller's transaction the save commits by itself (in a transaction of its own, or none).
        var transaction = context.Database.CurrentTransaction;
        pending.OwnCommit = transaction is null;
        pending.Transaction = transaction?.TransactionId;
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

    private void Committed(DbContext? context, Guid transactionId)
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

        _pending.Remove(context);
        // Only the saves of this transaction speak for it; saves noted under another one (never ended here) do not.
        if (!pending.LeavesResults || pending.Transaction != transactionId)
        {
            changes.Advance();
        }
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

        /// <summary>The caller's transaction the saves were made in (null when each save committed by itself).</summary>
        public Guid? Transaction { get; set; }
    }
}
