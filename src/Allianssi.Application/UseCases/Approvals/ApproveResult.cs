using System.Globalization;
using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Common;
using Allianssi.Application.UseCases.Results;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Approvals;

/// <summary>
/// A leadership member approves the result of a period (or a year of it) as computed, for their
/// own party. When every party's approval stands on the same result, the result is locked: the
/// snapshot and its SHA-256 are stored and the inputs that feed it can no longer change. A result
/// that is not final (settled "to date", or a year in progress) is refused (<see cref="ApprovalRefusal"/>).
/// </summary>
public sealed class ApproveResult(AllianssiDbContext db, TimeProvider time, ResultCalculator results)
{
    public async Task<Outcome<ApprovalStatus>> ExecuteAsync(string allianceCode, string periodCode, int? year, ApproveInput input, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsPartyLeadership)
        {
            return Outcome<ApprovalStatus>.Forbidden("forbidden.approve", $"only a leadership member approves, and only for their own party");
        }

        var (snapshot, refused) = await PartyResult.CurrentAsync(results, allianceCode, periodCode, year, actor.PartyCode, ct);
        if (snapshot is null)
        {
            return refused!;
        }

        if (ApprovalRefusal.Of(snapshot.Settlement) is { } refusal)
        {
            // A result "to date" or "so far" changes as data arrives: approving it would lock a number that is not final.
            return Outcome<ApprovalStatus>.Invalid(refusal.Code, refusal.Message(periodCode, year));
        }

        if (input.ResultHash is { Length: > 0 } seen && !string.Equals(seen, snapshot.Hash, StringComparison.OrdinalIgnoreCase))
        {
            throw new ResultConflictException("conflict.resultChanged", $"The result changed after it was shown (now SHA-256 {snapshot.Hash}): look at it again before approving.");
        }

        var (allianceId, periodId) = await GetApprovalStatus.ScopeOf(db, allianceCode, periodCode, ct);
        var scope = ResultScope.Of(periodCode, year);
        var active = await db.ResultLocks.AsNoTracking().SingleOrDefaultAsync(l => l.ActiveScope == ActiveScope(allianceId, periodId, year), ct);
        if (active is not null)
        {
            throw new ResultLockedException("conflict.alreadyLocked", $"The result of {scope} is already locked (snapshot SHA-256 {active.SnapshotHash}).") { LockId = active.Id };
        }

        var party = await db.Parties.SingleAsync(p => p.AllianceId == allianceId && p.Code == actor.PartyCode, ct);
        var open = await OpenApprovals(allianceId, periodId, year).ToListAsync(ct);
        var now = time.GetUtcNow();
        foreach (var stale in open.Where(a => !string.Equals(a.ResultHash, snapshot.Hash, StringComparison.Ordinal)))
        {
            // A change that went around the store's save (none should) still cannot carry an old approval.
            stale.InvalidatedAt = now;
            stale.InvalidationReason = InvalidationReason.Store(InvalidationReason.ResultDiffers, []);
        }

        if (!open.Any(a => a.PartyId == party.Id && a.InvalidatedAt is null))
        {
            var approval = new ResultApproval
            {
                AllianceId = allianceId,
                PeriodId = periodId,
                Year = year,
                PartyId = party.Id,
                Kind = ApprovalKind.Approve,
                ApprovedBy = actor.UserName,
                At = now,
                ResultHash = snapshot.Hash,
            };
            db.ResultApprovals.Add(approval);
            open.Add(approval);
            AuditLog.Record(db, time, actor, "approve-result", nameof(ResultApproval), scope, null, new { scope, party = party.Code, resultHash = snapshot.Hash });
        }

        await db.SaveChangesAsync(ct);
        await FaultInjection.PauseAsync("approve-before-lock");
        await TryLockAsync(actor, allianceCode, periodCode, year, ct);
        return Outcome<ApprovalStatus>.Ok(await GetApprovalStatus.BuildAsync(db, allianceCode, periodCode, year, snapshot, ct));
    }

    /// <summary>The approvals of a scope that stand: of the result, not yet part of a lock, not invalidated.</summary>
    private IQueryable<ResultApproval> OpenApprovals(int allianceId, int periodId, int? year) =>
        db.ResultApprovals.Where(a => a.AllianceId == allianceId && a.PeriodId == periodId && a.Year == year
            && a.Kind == ApprovalKind.Approve && a.LockId == null && a.InvalidatedAt == null);

    internal static string ActiveScope(int allianceId, int periodId, int? year) =>
        string.Create(CultureInfo.InvariantCulture, $"{allianceId}/{periodId}/{(year is { } y ? y.ToString(CultureInfo.InvariantCulture) : "all")}");

    /// <summary>
    /// Locks the result when every party's open approval is of the current result. Runs after the
    /// approval is saved, so two last approvals at once still lock (the unique active scope lets only one lock in).
    /// </summary>
    private async Task TryLockAsync(Actor actor, string allianceCode, string periodCode, int? year, CancellationToken ct)
    {
        var snapshot = (await results.FreshAsync(allianceCode, periodCode, year, ct)).Snapshot.Value!;
        var (allianceId, periodId) = await GetApprovalStatus.ScopeOf(db, allianceCode, periodCode, ct);
        var open = await OpenApprovals(allianceId, periodId, year).Include(a => a.Party).ToListAsync(ct);
        var onCurrent = open.Where(a => string.Equals(a.ResultHash, snapshot.Hash, StringComparison.Ordinal)).ToList();
        if (!snapshot.Parties.All(p => onCurrent.Any(a => a.Party!.Code == p)))
        {
            return;
        }

        var scope = ResultScope.Of(periodCode, year);
        var resultLock = new ResultLock
        {
            AllianceId = allianceId,
            PeriodId = periodId,
            Year = year,
            ActiveScope = ActiveScope(allianceId, periodId, year),
            Snapshot = snapshot.Json,
            SnapshotHash = snapshot.Hash,
            LockedAt = time.GetUtcNow(),
        };
        db.ResultLocks.Add(resultLock);
        foreach (var approval in onCurrent)
        {
            approval.Lock = resultLock;
        }

        AuditLog.Record(db, time, actor, "lock-result", nameof(ResultLock), scope, null, new { scope, snapshotHash = snapshot.Hash, parties = snapshot.Parties });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another approval locked the same scope at the same moment: that lock stands.
            db.ChangeTracker.Clear();
        }
    }
}
