using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Common;
using Allianssi.Application.UseCases.Results;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Approvals;

/// <summary>
/// A leadership member consents, for their own party, to reopen a locked result. When every party
/// consented, the lock is lifted (it stays on record with the reasons) and inputs can change again;
/// the result then needs every party's approval anew.
/// </summary>
public sealed class ReopenResult(AllianssiDbContext db, TimeProvider time, ResultCalculator results)
{
    public async Task<Outcome<ApprovalStatus>> ExecuteAsync(string allianceCode, string periodCode, int? year, ReopenInput input, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsPartyLeadership)
        {
            return Outcome<ApprovalStatus>.Forbidden("forbidden.reopen", $"only a leadership member consents to reopening, and only for their own party");
        }

        if (string.IsNullOrWhiteSpace(input.Reason))
        {
            var v = new Validation();
            v.Add("reason", "form.reopenReasonRequired", $"say why the locked result should be reopened");
            return v.ToOutcome<ApprovalStatus>();
        }

        var (snapshot, refused) = await PartyResult.CurrentAsync(results, allianceCode, periodCode, year, actor.PartyCode, ct);
        if (snapshot is null)
        {
            return refused!;
        }

        var (allianceId, periodId) = await GetApprovalStatus.ScopeOf(db, allianceCode, periodCode, ct);
        var scope = ResultScope.Of(periodCode, year);
        var active = await db.ResultLocks.SingleOrDefaultAsync(l => l.ActiveScope == ApproveResult.ActiveScope(allianceId, periodId, year), ct)
            ?? throw new ResultConflictException("conflict.notLocked", $"The result of {scope} is not locked: there is nothing to reopen.");
        var party = await db.Parties.SingleAsync(p => p.AllianceId == allianceId && p.Code == actor.PartyCode, ct);
        var consents = await db.ResultApprovals.Include(a => a.Party)
            .Where(a => a.LockId == active.Id && a.Kind == ApprovalKind.Reopen && a.InvalidatedAt == null).ToListAsync(ct);
        var now = time.GetUtcNow();
        if (!consents.Any(c => c.PartyId == party.Id))
        {
            var consent = new ResultApproval
            {
                AllianceId = allianceId,
                PeriodId = periodId,
                Year = year,
                PartyId = party.Id,
                Party = party,
                Kind = ApprovalKind.Reopen,
                ApprovedBy = actor.UserName,
                At = now,
                ResultHash = active.SnapshotHash,
                Reason = input.Reason.Trim(),
                LockId = active.Id,
            };
            db.ResultApprovals.Add(consent);
            consents.Add(consent);
            AuditLog.Record(db, time, actor, "consent-reopen", nameof(ResultLock), scope, null, new { scope, party = party.Code, snapshotHash = active.SnapshotHash, reason = consent.Reason });
        }

        if (snapshot.Parties.All(p => consents.Any(c => c.Party!.Code == p)))
        {
            active.ActiveScope = null;
            active.ReopenedAt = now;
            active.ReopenReason = string.Join("; ", consents.Select(c => $"{c.Party!.Code}: {c.Reason}"));
            AuditLog.Record(db, time, actor, "reopen-result", nameof(ResultLock), scope,
                new { scope, snapshotHash = active.SnapshotHash, lockedAt = active.LockedAt }, new { scope, reopenedAt = now, parties = snapshot.Parties });
        }

        await db.SaveChangesAsync(ct);
        return Outcome<ApprovalStatus>.Ok(await GetApprovalStatus.BuildAsync(db, allianceCode, periodCode, year, snapshot, ct));
    }
}
