using System.Text.Json;
using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.UseCases.Common;
using Allianssi.Application.UseCases.Results;
using Allianssi.Application.UseCases.Scoring;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Approvals;

/// <summary>The approval state of a period (or a year of it), with the locked snapshot against current data.</summary>
public sealed class GetApprovalStatus(AllianssiDbContext db, ResultCalculator results)
{
    public async Task<Outcome<ApprovalStatus>> ExecuteAsync(string allianceCode, string periodCode, int? year, CancellationToken ct = default)
    {
        var current = (await results.OfAsync(allianceCode, periodCode, year, ct)).Snapshot;
        if (!current.IsOk)
        {
            return current.Relay<ApprovalStatus>();
        }

        return Outcome<ApprovalStatus>.Ok(await BuildAsync(db, allianceCode, periodCode, year, current.Value!, ct));
    }

    internal static async Task<ApprovalStatus> BuildAsync(AllianssiDbContext db, string allianceCode, string periodCode, int? year, ResultSnapshot current, CancellationToken ct)
    {
        var scope = await ScopeOf(db, allianceCode, periodCode, ct);
        var approvals = await db.ResultApprovals.AsNoTracking().Include(a => a.Party)
            .Where(a => a.AllianceId == scope.AllianceId && a.PeriodId == scope.PeriodId && a.Year == year)
            .OrderBy(a => a.Id).ToListAsync(ct);
        var locks = await db.ResultLocks.AsNoTracking()
            .Where(l => l.AllianceId == scope.AllianceId && l.PeriodId == scope.PeriodId && l.Year == year)
            .OrderBy(l => l.Id).ToListAsync(ct);
        var active = locks.SingleOrDefault(l => l.ActiveScope != null);

        LockDto? lockDto = null;
        IReadOnlyList<PartyApprovalDto> parties;
        if (active is not null)
        {
            var approvedInLock = approvals.Where(a => a.Kind == ApprovalKind.Approve && a.LockId == active.Id).ToList();
            parties = current.Parties.Select(p => Party(p, approvedInLock.LastOrDefault(a => a.Party!.Code == p))).ToList();
            var consents = approvals.Where(a => a.Kind == ApprovalKind.Reopen && a.LockId == active.Id && a.InvalidatedAt == null).ToList();
            var differences = Differences(active.Snapshot, current.Settlement);
            lockDto = new LockDto(
                active.Id,
                active.SnapshotHash,
                active.LockedAt,
                !string.Equals(active.SnapshotHash, current.Hash, StringComparison.Ordinal),
                differences,
                current.Parties.Select(p => Party(p, consents.LastOrDefault(a => a.Party!.Code == p))).ToList());
        }
        else
        {
            var open = approvals.Where(a => a.Kind == ApprovalKind.Approve && a.LockId == null && a.InvalidatedAt == null).ToList();
            parties = current.Parties.Select(p => Party(p, open.LastOrDefault(a => a.Party!.Code == p))).ToList();
        }

        var invalidated = approvals.Where(a => a.InvalidatedAt is not null && a.Kind == ApprovalKind.Approve)
            .OrderByDescending(a => a.Id)
            .Select(a => new InvalidatedApprovalDto(a.Party!.Code, a.ApprovedBy, a.At, a.InvalidatedAt!.Value, InvalidationReason.English(a.InvalidationReason), a.InvalidationReason ?? "")).ToList();
        var reopened = locks.Where(l => l.ReopenedAt is not null)
            .Select(l => new ReopenedLockDto(l.Id, l.SnapshotHash, l.LockedAt, l.ReopenedAt!.Value, l.ReopenReason)).ToList();
        var state = active is not null ? ApprovalStatus.Locked : parties.Any(p => p.Approved) ? ApprovalStatus.PartlyApproved : ApprovalStatus.Open;
        var refusal = ApprovalRefusal.Of(current.Settlement);
        return new ApprovalStatus(allianceCode, periodCode, year, state, current.Hash, parties, invalidated, lockDto, reopened)
        {
            NotApprovable = refusal?.Code,
            NotFinalThrough = refusal?.Through,
        };
    }

    internal static async Task<(int AllianceId, int PeriodId)> ScopeOf(AllianssiDbContext db, string allianceCode, string periodCode, CancellationToken ct)
    {
        var period = await db.Periods.AsNoTracking().Where(p => p.Alliance!.Code == allianceCode && p.Code == periodCode)
            .Select(p => new { p.AllianceId, p.Id }).SingleAsync(ct);
        return (period.AllianceId, period.Id);
    }

    private static PartyApprovalDto Party(string party, ResultApproval? approval) =>
        new(party, approval is not null, approval?.ApprovedBy, approval?.At, approval?.ResultHash);

    /// <summary>The locked settlement's figures against what current data gives.</summary>
    internal static IReadOnlyList<FigureDifference> Differences(string snapshotJson, SettlementView current)
    {
        using var doc = JsonDocument.Parse(snapshotJson);
        var locked = doc.RootElement.GetProperty("settlement");
        var result = new List<FigureDifference>();
        void Add(string figure, decimal lockedValue, decimal currentValue) =>
            result.Add(new FigureDifference(figure, lockedValue, currentValue, currentValue - lockedValue));

        Add("periodScore", locked.GetProperty("periodScore").GetDecimal(), current.PeriodScore);
        Add("targetCost", locked.GetProperty("targetCost").GetDecimal(), current.TargetCost);
        Add("actualCost", locked.GetProperty("actualCost").GetDecimal(), current.ActualCost);
        Add("feeTotal", locked.GetProperty("feeTotal").GetDecimal(), current.FeeTotal);
        Add("costResult", locked.GetProperty("costResult").GetDecimal(), current.CostResult);
        Add("incentive", locked.GetProperty("incentive").GetDecimal(), current.Incentive);
        foreach (var party in locked.GetProperty("parties").EnumerateArray())
        {
            var code = party.GetProperty("code").GetString()!;
            var now = current.Parties.SingleOrDefault(p => p.Code == code);
            var lockedPayment = party.TryGetProperty("payment", out var pay) && pay.ValueKind == JsonValueKind.Number ? pay.GetDecimal() : 0m;
            var lockedCompensation = party.TryGetProperty("compensation", out var comp) && comp.ValueKind == JsonValueKind.Number ? comp.GetDecimal() : 0m;
            Add($"{code}.payment", lockedPayment, now?.Payment ?? 0m);
            Add($"{code}.compensation", lockedCompensation, now?.Compensation ?? 0m);
        }

        return result;
    }
}
