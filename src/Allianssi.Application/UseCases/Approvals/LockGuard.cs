using System.Globalization;
using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.UseCases.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Allianssi.Application.UseCases.Approvals;

/// <summary>
/// Decides, for the pending changes of a save, which results they feed: a change that feeds a
/// locked result is refused (<see cref="ResultLockedException"/>); one that feeds a result with
/// open approvals invalidates them, with the reason. Called by the store's save interceptor, so
/// no write path can go around it.
/// </summary>
internal static class LockGuard
{
    /// <summary>Properties shown on pages only; changing them feeds no result.</summary>
    private static readonly Dictionary<Type, HashSet<string>> DisplayOnly = new()
    {
        // The public-funding ceiling is watched against the settlements; no approved result reads it.
        [typeof(Alliance)] = [nameof(Alliance.Name), nameof(Alliance.Residents), nameof(Alliance.PublicFundingCeiling), nameof(Alliance.PublicFundingFrom), nameof(Alliance.PublicFundingTo)],
        [typeof(Party)] = [nameof(Party.Name), nameof(Party.Services)],
        [typeof(Period)] = [nameof(Period.Note)],
        [typeof(TargetCost)] = [nameof(TargetCost.Note)],
        [typeof(Indicator)] = [nameof(Indicator.Source)],
        [typeof(KeyResultArea)] = [nameof(KeyResultArea.NameFi), nameof(KeyResultArea.NameEn)],
    };

    /// <summary>
    /// What a change touches: an alliance, a range of years (both ends inclusive) and words for it.
    /// A change that is not <paramref name="Guarded"/> is new data (a computation over newer imports):
    /// it invalidates open approvals but a lock does not refuse it; the page shows what it would give.
    /// </summary>
    private sealed record Touch(int AllianceId, int FromYear, int ToYear, string Code, IReadOnlyList<string> Args, bool Guarded = true)
    {
        public string What => InvalidationReason.What(Code, Args);
    }

    public static async Task CheckAsync(AllianssiDbContext db, TimeProvider time, CancellationToken ct)
    {
        var changes = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && IsInput(e))
            .ToList();
        if (changes.Count == 0)
        {
            return;
        }

        var locks = await db.ResultLocks.AsNoTracking().Where(l => l.ActiveScope != null)
            .Select(l => new { l.Id, l.AllianceId, l.PeriodId, l.Year, l.SnapshotHash }).ToListAsync(ct);
        var open = await db.ResultApprovals
            .Where(a => a.Kind == ApprovalKind.Approve && a.InvalidatedAt == null && a.LockId == null).ToListAsync(ct);
        if (locks.Count == 0 && open.Count == 0)
        {
            return;
        }

        // Only the periods of the locks in force and the open approvals: a period of another alliance stored with bad
        // dates leaves this save alone.
        var guardedPeriods = locks.Select(l => l.PeriodId).Concat(open.Select(a => a.PeriodId)).Distinct().ToList();
        var periods = await StoredDates.ReadAsync(db, () => db.Periods.AsNoTracking().Where(p => guardedPeriods.Contains(p.Id))
            .Select(p => new { p.Id, p.Code, p.Dates }).ToDictionaryAsync(p => p.Id, ct), ct);
        var touches = new List<Touch>();
        foreach (var change in changes)
        {
            touches.AddRange(await DescribeAsync(db, change, ct));
        }

        foreach (var touch in touches)
        {
            foreach (var l in locks.Where(l => touch.Guarded && l.AllianceId == touch.AllianceId))
            {
                var p = periods[l.PeriodId];
                var (from, to) = l.Year is { } y ? (y, y) : (p.Dates.Start.Year, p.Dates.End.Year);
                if (touch.FromYear <= to && from <= touch.ToYear)
                {
                    throw new ResultLockedException(
                        "conflict.resultLocked",
                        $"The result of {ResultScope.Of(p.Code, l.Year)} is locked (approved by every party; snapshot SHA-256 {l.SnapshotHash}): the change to the {touch.What} feeds it and is refused. Reopening needs the approval of every party.")
                    {
                        LockId = l.Id,
                        Scope = ResultScope.Of(p.Code, l.Year),
                        SnapshotHash = l.SnapshotHash,
                        Change = touch.What,
                    };
                }
            }
        }

        var now = time.GetUtcNow();
        foreach (var approval in open)
        {
            var p = periods[approval.PeriodId];
            var (from, to) = approval.Year is { } y ? (y, y) : (p.Dates.Start.Year, p.Dates.End.Year);
            var hit = touches.FirstOrDefault(t => t.AllianceId == approval.AllianceId && t.FromYear <= to && from <= t.ToYear);
            if (hit is null)
            {
                continue;
            }

            approval.InvalidatedAt = now;
            approval.InvalidationReason = InvalidationReason.Store(hit.Code, hit.Args);
            db.AuditEntries.Add(new AuditEntry
            {
                At = now,
                Actor = "system",
                Role = "system",
                Action = "invalidate-approval",
                Entity = nameof(ResultApproval),
                EntityKey = approval.Id.ToString(CultureInfo.InvariantCulture),
                After = System.Text.Json.JsonSerializer.Serialize(new { scope = ResultScope.Of(p.Code, approval.Year), reason = InvalidationReason.English(approval.InvalidationReason), code = hit.Code }),
            });
        }
    }

    private static bool IsInput(EntityEntry e)
    {
        if (e.Entity is not (Alliance or Party or Period or PeriodParameter or TargetCost or TargetCostAdjustment
            or LedgerLine or KeyResultArea or Indicator or IndicatorLevel or IndicatorValue or IndicatorResult))
        {
            return false;
        }

        if (e.State != EntityState.Modified || !DisplayOnly.TryGetValue(e.Entity.GetType(), out var ignored))
        {
            return true;
        }

        // The complex properties (an alliance's and a period's dates) feed results: none is display-only.
        return e.Properties.Any(p => p.IsModified && !ignored.Contains(p.Metadata.Name)) || e.ComplexProperties.Any(c => c.IsModified);
    }

    private static T Value<T>(EntityEntry e, string property, bool original) =>
        (T)(original ? e.OriginalValues[property] : e.CurrentValues[property])!;

    /// <summary>The years a change touches (original and current values, so moving a line between years touches both).</summary>
    private static async Task<IReadOnlyList<Touch>> DescribeAsync(AllianssiDbContext db, EntityEntry e, CancellationToken ct)
    {
        var versions = e.State switch
        {
            EntityState.Added => new[] { false },
            EntityState.Deleted => [true],
            _ => [true, false],
        };
        var result = new List<Touch>();
        foreach (var original in versions)
        {
            switch (e.Entity)
            {
                case TargetCost or TargetCostAdjustment or LedgerLine:
                {
                    var partyId = Value<int>(e, "PartyId", original);
                    var year = Value<int>(e, "Year", original);
                    var party = await db.Parties.AsNoTracking().Where(p => p.Id == partyId).Select(p => new { p.AllianceId, p.Code }).SingleOrDefaultAsync(ct);
                    if (party is not null)
                    {
                        var what = e.Entity switch
                        {
                            TargetCost => "target-cost",
                            TargetCostAdjustment => "target-cost-adjustment",
                            _ => "ledger-line",
                        };
                        result.Add(new Touch(party.AllianceId, year, year, what, [party.Code, year.ToString(CultureInfo.InvariantCulture)]));
                    }

                    break;
                }

                case IndicatorValue or IndicatorLevel:
                {
                    var indicatorId = Value<int>(e, "IndicatorId", original);
                    var year = Value<int>(e, "Year", original);
                    var indicator = await db.Indicators.AsNoTracking().Where(i => i.Id == indicatorId)
                        .Select(i => new { i.Code, i.KeyResultArea!.AllianceId, i.KeyResultArea.Alliance!.ScoredUnit }).SingleOrDefaultAsync(ct);
                    if (indicator is null)
                    {
                        break;
                    }

                    if (e.Entity is IndicatorValue)
                    {
                        // Values of other units (the municipality's stations) are benchmarks, not scored.
                        if (Value<string>(e, "Unit", original) == indicator.ScoredUnit)
                        {
                            result.Add(new Touch(indicator.AllianceId, year, year, "indicator-value", [indicator.Code, year.ToString(CultureInfo.InvariantCulture)]));
                        }
                    }
                    else
                    {
                        // Levels apply from their year until a later year has its own.
                        result.Add(new Touch(indicator.AllianceId, year, int.MaxValue, "indicator-levels", [indicator.Code, year.ToString(CultureInfo.InvariantCulture)]));
                    }

                    break;
                }

                case PeriodParameter:
                {
                    var periodId = Value<int>(e, "PeriodId", original);
                    var name = Value<string>(e, "Name", original);
                    var period = await StoredDates.ReadAsync(db, () => db.Periods.AsNoTracking().Where(p => p.Id == periodId).Select(p => new { p.AllianceId, p.Code, p.Dates }).SingleOrDefaultAsync(ct), ct);
                    if (period is not null)
                    {
                        result.Add(new Touch(period.AllianceId, period.Dates.Start.Year, period.Dates.End.Year, "period-parameter", [name, period.Code]));
                    }

                    break;
                }

                case Indicator i:
                {
                    var kraId = Value<int>(e, "KeyResultAreaId", original);
                    var allianceId = await db.KeyResultAreas.AsNoTracking().Where(k => k.Id == kraId).Select(k => (int?)k.AllianceId).SingleOrDefaultAsync(ct);
                    if (allianceId is { } a)
                    {
                        result.Add(new Touch(a, int.MinValue, int.MaxValue, "indicator-rules", [i.Code]));
                    }

                    break;
                }

                case IndicatorResult r when Value<bool>(e, nameof(IndicatorResult.IsAllianceUnit), original):
                {
                    var year = Value<int>(e, nameof(IndicatorResult.Year), original);
                    result.Add(new Touch(Value<int>(e, nameof(IndicatorResult.AllianceId), original), year, year,
                        "indicator-result", [r.IndicatorId.ToString(CultureInfo.InvariantCulture), year.ToString(CultureInfo.InvariantCulture)], Guarded: false));
                    break;
                }

                case KeyResultArea k:
                    result.Add(new Touch(Value<int>(e, "AllianceId", original), int.MinValue, int.MaxValue, "kra-weight", [k.Code]));
                    break;
                case Party p:
                    result.Add(new Touch(Value<int>(e, "AllianceId", original), int.MinValue, int.MaxValue, "party-terms", [p.Code]));
                    break;
                case Period p:
                    result.Add(new Touch(Value<int>(e, "AllianceId", original), int.MinValue, int.MaxValue, "period-dates", [p.Code]));
                    break;
                case Alliance a:
                    result.Add(new Touch(a.Id, int.MinValue, int.MaxValue, "alliance-terms", []));
                    break;
            }
        }

        return result;
    }
}
