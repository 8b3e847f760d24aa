using Allianssi.Application.Data;
using Allianssi.Application.UseCases.Common;
using Allianssi.Application.UseCases.Results;
using Allianssi.Application.UseCases.Scoring;
using Allianssi.Domain;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Money;

/// <summary>One calendar year of the ceiling's span: its months in the span, and what the purchasers paid when the year is settled.</summary>
/// <param name="Paid">The purchasers' payments settled for the year (null when the year is not settled: no score yet).</param>
/// <param name="Cumulative">Paid over the span up to and including this year (null when not settled).</param>
public sealed record PublicFundingYear(int Year, int Months, decimal? Paid, decimal? Cumulative);

/// <summary>
/// Where the alliance stands against its public-funding ceiling: the cumulative position by year from
/// the settlements (public funding = the purchasers' payments) and a linear projection to the end of
/// the span from the months settled (cumulative / months settled × months of the span).
/// </summary>
/// <param name="ProjectionExceedsCeiling">The warning: the projection is above the ceiling.</param>
public sealed record PublicFundingPosition(
    string Alliance,
    decimal Ceiling,
    DateOnly From,
    DateOnly To,
    IReadOnlyList<PublicFundingYear> Years,
    decimal Cumulative,
    int MonthsSettled,
    int MonthsInSpan,
    decimal? Projected,
    bool ProjectionExceedsCeiling,
    bool CumulativeExceedsCeiling);

/// <summary>
/// Computes the public-funding position (seed 001: at most 140 M EUR over Tesoma's ten years) from
/// the same settlements as the settlement page: each year of the ceiling's span is settled alone
/// (<see cref="GetSettlement"/> with that year) when its period scores it (<see cref="GetScorecard"/>).
/// </summary>
public sealed class GetPublicFunding(AllianssiDbContext db, ResultCalculator results)
{
    public async Task<Outcome<PublicFundingPosition>> ExecuteAsync(string allianceCode, CancellationToken ct = default)
    {
        var alliance = await StoredDates.ReadAsync(db, () => db.Alliances.AsNoTracking().Include(a => a.Periods).SingleOrDefaultAsync(a => a.Code == allianceCode, ct), ct);
        if (alliance is null)
        {
            return Outcome<PublicFundingPosition>.NotFound("notFound.alliance", $"alliance '{allianceCode}'");
        }

        if (alliance.PublicFundingCeiling is not { Euros: var ceiling } || alliance.PublicFundingFrom is not { } from || alliance.PublicFundingTo is not { } to)
        {
            return Outcome<PublicFundingPosition>.NotFound("notFound.publicFundingCeiling", $"public-funding ceiling of alliance '{allianceCode}'");
        }

        // The years each period scores (the settlement of a year without a score is not a result).
        var scored = new HashSet<int>();
        foreach (var period in alliance.Periods)
        {
            var card = await new GetScorecard(db, results).ExecuteAsync(allianceCode, period.Code, null, ct);
            if (card.IsOk)
            {
                scored.UnionWith(card.Value!.Trend.Select(t => t.Year));
            }
        }

        var span = new DateSpan(from, to);
        var years = new List<PublicFundingYear>();
        var cumulative = 0m;
        var monthsSettled = 0;
        var settling = true;
        for (var year = from.Year; year <= to.Year; year++)
        {
            var months = span.MonthsIn(year);
            var period = alliance.Periods.FirstOrDefault(p => p.Dates.Overlaps(year));
            decimal? paid = null;
            if (settling && period is not null && scored.Contains(year))
            {
                var settlement = await new GetSettlement(db, results).ExecuteAsync(allianceCode, period.Code, year, ct);
                if (settlement.IsOk)
                {
                    paid = settlement.Value!.Parties.Where(p => p.Role == "purchaser").Sum(p => p.Payment ?? 0m);
                }
            }

            // The position runs over settled years from the start; the first unsettled year ends it.
            settling = settling && paid is not null;
            if (paid is { } amount)
            {
                cumulative += amount;
                monthsSettled += months;
            }

            years.Add(new PublicFundingYear(year, months, paid, paid is null ? null : cumulative));
        }

        var monthsInSpan = years.Sum(y => y.Months);
        decimal? projected = monthsSettled == 0 ? null : Math.Round(cumulative / monthsSettled * monthsInSpan, 2, MidpointRounding.AwayFromZero);
        return Outcome<PublicFundingPosition>.Ok(new PublicFundingPosition(
            alliance.Code, ceiling, from, to, years, cumulative, monthsSettled, monthsInSpan, projected, projected > ceiling, cumulative > ceiling));
    }
}
