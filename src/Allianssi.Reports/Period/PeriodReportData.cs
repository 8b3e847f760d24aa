using Allianssi.Application.Data;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Approvals;
using Allianssi.Application.UseCases.Common;
using Allianssi.Application.UseCases.Indicators;
using Allianssi.Application.UseCases.Money;
using Allianssi.Application.UseCases.Results;
using Allianssi.Application.UseCases.Scoring;
using Allianssi.Indicators.Catalog;
using Allianssi.Indicators.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Reports.Period;

/// <summary>One indicator's stored values over the years: the alliance unit's and the municipal units' (suppressed cells without values).</summary>
public sealed record IndicatorTrend(string Indicator, string? AllianceUnit, IReadOnlyList<ResultPoint> Points);

/// <summary>A period parameter in force (e.g. <c>minimumCount</c>).</summary>
public sealed record ReportParameter(string Name, decimal Value);

/// <summary>
/// Everything a period report shows, read through the same use cases as the pages and the API
/// (<see cref="GetScorecard"/>, <see cref="GetSettlement"/>, <see cref="GetApprovalStatus"/>,
/// <see cref="GetIndicatorResults"/>), so its figures are the API's; the scorecard, the settlement and
/// the approval status come from one computation of the scope (<see cref="ResultCalculator"/>).
/// </summary>
/// <param name="Year">The one year reported, or null for the whole period.</param>
/// <param name="Scorecard">The scorecard with the reported year (or the period's last scored year) in detail.</param>
public sealed record PeriodReportData(
    string Alliance,
    string AllianceName,
    string Period,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    int? Year,
    ScorecardView Scorecard,
    SettlementView Settlement,
    ApprovalStatus Approval,
    IReadOnlyList<IndicatorTrend> Trends,
    IReadOnlyList<IndicatorDefinition> Definitions,
    IReadOnlyList<ReportParameter> Parameters,
    IReadOnlyDictionary<string, string> PartyNames)
{
    /// <summary>The alliance's position against its public-funding ceiling, or null when it has none.</summary>
    public PublicFundingPosition? PublicFunding { get; init; }

    /// <summary>
    /// Whether the scorecard and settlement were read from the locked snapshot (current data would give another
    /// result). The snapshot holds the figures, not their explanation lines, so the report then shows none.
    /// </summary>
    public bool FromLockedSnapshot { get; init; }

    /// <summary>
    /// An indicator's or key result area's name in the document's language with its id after it
    /// (<c>Hoitosuunnitelma (chronic_care_plan)</c>), as the pages' explanation lines name them; any other text as it is.
    /// </summary>
    public string Labelled(string id, bool finnish)
    {
        var indicator = Definitions.FirstOrDefault(d => d.Id == id);
        var kra = indicator is null ? Scorecard.Kras.FirstOrDefault(k => k.Code == id) : null;
        var name = indicator is not null ? (finnish ? indicator.NameFi : indicator.NameEn)
            : kra is not null ? (finnish ? kra.NameFi : kra.NameEn)
            : null;
        return string.IsNullOrEmpty(name) || name == id ? id : $"{name} ({id})";
    }

    /// <summary>The SHA-256 of the locked snapshot when the reported scope is locked, else null (a draft).</summary>
    public string? LockedHash => Approval.Lock?.SnapshotHash;

    /// <summary>
    /// Reads the report's data. Not found for an unknown alliance or period; invalid, with the reason,
    /// for a span that cannot be scored or settled (as <c>allianssi settle</c> refuses a bad scenario).
    /// </summary>
    public static async Task<Outcome<PeriodReportData>> LoadAsync(
        AllianssiDbContext db, ResultCalculator results, string allianceCode, string periodCode, int? year, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var alliance = await StoredDates.ReadAsync(db, () => db.Alliances.AsNoTracking().Include(a => a.Parties).Include(a => a.Periods).ThenInclude(p => p.Parameters)
            .AsSplitQuery().SingleOrDefaultAsync(a => a.Code == allianceCode, ct), ct);
        if (alliance is null)
        {
            return Outcome<PeriodReportData>.NotFound("notFound.alliance", $"alliance '{allianceCode}'");
        }

        var period = alliance.Periods.SingleOrDefault(p => p.Code == periodCode);
        if (period is null)
        {
            return Outcome<PeriodReportData>.NotFound("notFound.period", $"period '{periodCode}'");
        }

        var scorecard = await new GetScorecard(db, results).ExecuteAsync(allianceCode, periodCode, year, ct);
        if (!scorecard.IsOk)
        {
            return Relay<ScorecardView>(scorecard);
        }

        if (scorecard.Value!.Years.Count > 0 && year is { } y && !scorecard.Value.Trend.Any(t => t.Year == y))
        {
            return Outcome<PeriodReportData>.Invalid("year", "form.yearNoScore", $"{y} has no score (no data for the year yet)");
        }

        var settlement = await new GetSettlement(db, results).ExecuteAsync(allianceCode, periodCode, year, ct);
        if (!settlement.IsOk)
        {
            return Relay<SettlementView>(settlement);
        }

        var approval = await new GetApprovalStatus(db, results).ExecuteAsync(allianceCode, periodCode, year, ct);
        if (!approval.IsOk)
        {
            return Relay<ApprovalStatus>(approval);
        }

        // A locked result is reported as it was approved: when current data would give another one, the
        // scorecard and settlement are the locked snapshot's (the approved figures, reproducible), not today's.
        var card = scorecard.Value;
        var settled = settlement.Value!;
        var fromSnapshot = false;
        if (approval.Value!.Lock is { CurrentDataDiffers: true } locked)
        {
            var snapshot = await db.ResultLocks.AsNoTracking().Where(l => l.Id == locked.Id).Select(l => l.Snapshot).SingleAsync(ct);
            (card, settled) = LockedFigures.Read(snapshot, card.Year);
            fromSnapshot = true;
        }

        // Every reader but the data controller sees suppressed cells without values; a report is passed on, so it never shows them.
        var reader = new Actor("report", Roles.Viewer, null);
        var codes = card.Kras.SelectMany(k => k.Indicators).Select(i => i.Code).ToList();
        var lastYear = settled.Span[^1];
        // Values entered by hand (or loaded as the reference's illustration) stand where no computed result exists.
        var entered = await db.IndicatorValues.AsNoTracking()
            .Where(v => v.Indicator!.KeyResultArea!.AllianceId == alliance.Id && v.Year <= lastYear)
            .Select(v => new { v.Indicator!.Code, v.Unit, v.Year, v.Value }).ToListAsync(ct);
        var trends = new List<IndicatorTrend>();
        foreach (var code in codes)
        {
            var stored = await new GetIndicatorResults(db).ExecuteAsync(allianceCode, code, reader, ct);
            var points = stored.IsOk ? stored.Value!.Points.Where(p => p.Year <= lastYear).ToList() : [];
            var allianceUnit = stored.Value?.AllianceUnit ?? alliance.ScoredUnit;
            var computed = points.Select(p => (p.IsAllianceUnit ? allianceUnit : p.Unit, p.Year)).ToHashSet();
            points.AddRange(entered.Where(v => v.Code == code && !computed.Contains((v.Unit, v.Year)))
                .Select(v => new ResultPoint(v.Unit, v.Year, periodCode, (double)v.Value, null, null, null, false, v.Unit == allianceUnit, 0)));
            trends.Add(new IndicatorTrend(code, allianceUnit, [.. points.OrderBy(p => p.Year).ThenBy(p => p.Unit, StringComparer.Ordinal)]));
        }

        var funding = await new GetPublicFunding(db, results).ExecuteAsync(allianceCode, ct);
        var catalog = ReferenceCatalog.Definitions.ToDictionary(d => d.Id, StringComparer.Ordinal);
        var definitions = codes.Where(catalog.ContainsKey).Select(c => catalog[c]).ToList();
        return Outcome<PeriodReportData>.Ok(new PeriodReportData(
            alliance.Code,
            alliance.Name,
            period.Code,
            period.Dates.Start,
            period.Dates.End,
            year,
            card,
            settled,
            approval.Value,
            trends,
            definitions,
            period.Parameters.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => new ReportParameter(p.Name, p.Value)).ToList(),
            alliance.Parties.ToDictionary(p => p.Code, p => p.Name, StringComparer.Ordinal))
        {
            PublicFunding = funding.IsOk ? funding.Value : null,
            FromLockedSnapshot = fromSnapshot,
        });
    }

    // The refusal with its code or its coded errors; an invalid outcome without errors names the period.
    private static Outcome<PeriodReportData> Relay<T>(Outcome<T> outcome) =>
        outcome.Status != OutcomeStatus.Invalid || outcome.Errors.Count > 0
            ? outcome.Relay<PeriodReportData>()
            : Outcome<PeriodReportData>.Invalid("period", outcome.Message ?? "cannot be settled");
}
