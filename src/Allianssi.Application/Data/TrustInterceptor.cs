using System.Runtime.CompilerServices;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Approvals;
using Allianssi.Application.UseCases.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Allianssi.Application.Data;

/// <summary>
/// Runs on every save of the operational store, whatever wrote it (page, API, command line):
/// refuses changes to inputs of a locked result, invalidates open approvals that an input change
/// affects (with the reason), refuses updates and deletes of audit entries, seals new audit
/// entries onto the hash chain inside one transaction, and checkpoints the chain's head when a
/// result is locked.
/// </summary>
/// <remarks>
/// The chain needs the stored last entry and the insert to be serial: on PostgreSQL a
/// transaction-scoped advisory lock does that; SQLite's <c>BEGIN IMMEDIATE</c> already holds the
/// single write lock. The unique index on the sequence refuses a fork either way.
/// </remarks>
/// <param name="time">The clock of the invalidations it records (a fake one in tests).</param>
internal sealed class TrustInterceptor(TimeProvider time) : SaveChangesInterceptor
{
    private const long ChainLockKey = 0x416C6C69_41756474; // "AlliAudt"

    private readonly ConditionalWeakTable<DbContext, IDbContextTransaction> _ownTransactions = new();

    /// <summary>The audit actions of a save in progress, kept only when a fault-test pause point is set.</summary>
    private readonly ConditionalWeakTable<DbContext, List<string>> _faultActions = new();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AllianssiDbContext db)
        {
            await BeforeSaveAsync(db, cancellationToken);
        }

        return result;
    }

    /// <summary>Whether <paramref name="transaction"/> is the one this interceptor opened for the save under way on
    /// <paramref name="context"/> (it commits when the save ends).</summary>
    internal bool OwnsTransaction(DbContext context, IDbContextTransaction? transaction) =>
        transaction is not null && _ownTransactions.TryGetValue(context, out var own) && ReferenceEquals(own, transaction);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is AllianssiDbContext db)
        {
            BeforeSaveAsync(db, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _ownTransactions.TryGetValue(context, out var transaction))
        {
            _ownTransactions.Remove(context);
            if (_faultActions.TryGetValue(context, out var actions))
            {
                _faultActions.Remove(context);
                foreach (var action in actions)
                {
                    await FaultInjection.PauseAsync("commit:" + action);
                }
            }

            await transaction.CommitAsync(cancellationToken);
            await transaction.DisposeAsync();
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } context && _ownTransactions.TryGetValue(context, out var transaction))
        {
            _ownTransactions.Remove(context);
            transaction.Commit();
            transaction.Dispose();
        }

        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) =>
        await RollBackAsync(eventData.Context);

    public override void SaveChangesFailed(DbContextErrorEventData eventData) =>
        RollBackAsync(eventData.Context).GetAwaiter().GetResult();

    public override async Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) =>
        await RollBackAsync(eventData.Context);

    private async Task RollBackAsync(DbContext? context)
    {
        if (context is not null && _ownTransactions.TryGetValue(context, out var transaction))
        {
            _ownTransactions.Remove(context);
            await transaction.DisposeAsync();
        }
    }

    private async ValueTask BeforeSaveAsync(AllianssiDbContext db, CancellationToken ct)
    {
        db.ChangeTracker.DetectChanges();
        if (db.ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The audit log is append-only: entries cannot be changed or removed.");
        }

        if (db.ChangeTracker.Entries<AuditAnchor>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The audit checkpoints are append-only: they cannot be changed or removed.");
        }

        await LockGuard.CheckAsync(db, time, ct);

        var added = db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity)
            .OrderBy(e => e.At).ToList();
        if (added.Count == 0)
        {
            return;
        }

        if (db.Database.CurrentTransaction is null)
        {
            var transaction = await db.Database.BeginTransactionAsync(ct);
            _ownTransactions.AddOrUpdate(db, transaction);
            if (FaultInjection.IsEnabled)
            {
                _faultActions.AddOrUpdate(db, added.Select(a => a.Action).Distinct(StringComparer.Ordinal).ToList());
            }
        }

        try
        {
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ChainLockKey})", ct);
            }

            var last = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Sequence)
                .Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(ct);
            AuditChain.Seal(added, last?.Sequence ?? 0, last?.Hash);

            // A lock anchors the chain's head outside the audit table, in the same transaction:
            // cutting entries off the end later shows against it (AuditChain.VerifyAnchoredAsync).
            if (db.ChangeTracker.Entries<ResultLock>().Any(e => e.State == EntityState.Added))
            {
                var head = added[^1];
                db.AuditAnchors.Add(new AuditAnchor { Sequence = head.Sequence, Hash = head.Hash, At = head.At, Reason = "lock" });
            }
        }
        catch
        {
            await RollBackAsync(db);
            throw;
        }
    }
}
