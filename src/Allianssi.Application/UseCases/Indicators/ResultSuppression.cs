using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Indicators;

/// <summary>One stored indicator result as far as suppression needs it.</summary>
/// <param name="Suppressed">The engine's flag at compute time (it may have used a higher minimum).</param>
public sealed record ResultCell(string Indicator, string Period, int Year, string Unit, long? N, bool Suppressed);

/// <summary>
/// The one suppression rule for stored indicator results, used by every output that someone other
/// than the data controller's analysts sees: the results API and its CSV, the benchmark page, the
/// indicators page and the public page. Each indicator, period and year with a stored municipal
/// total (<see cref="TotalUnit"/>) is one relation: the total and every unit.
/// </summary>
/// <remarks>
/// Every output hides the same cells, computed over the whole table even when it shows a part of it
/// (the indicators page shows only the alliance's unit): otherwise a cell hidden on one page as a
/// complement could be read on another, and the first page's difference would give the small one away.
/// </remarks>
public static class ResultSuppression
{
    /// <summary>The minimum count in force per period code (the configured <c>minimumCount</c>, never below the floor).</summary>
    public static async Task<IReadOnlyDictionary<string, long>> ThresholdsAsync(AllianssiDbContext db, int allianceId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var periods = await db.Periods.AsNoTracking().Where(p => p.AllianceId == allianceId)
            .Select(p => new { p.Code, Minimum = p.Parameters.Where(x => x.Name == MinimumCountParameter).Select(x => (decimal?)x.Value).FirstOrDefault() })
            .ToListAsync(ct);
        return periods.ToDictionary(p => p.Code, p => Suppression.Threshold(p.Minimum), StringComparer.Ordinal);
    }

    /// <summary>The pseudo-unit of the municipality's total.</summary>
    public const string TotalUnit = "*";

    /// <summary>The period parameter that sets the minimum count.</summary>
    public const string MinimumCountParameter = "minimumCount";

    /// <summary>The cells to hide from readers other than the data controller: primary and complementary.</summary>
    /// <param name="cells">Stored results (any indicators, periods and years).</param>
    /// <param name="thresholds">The minimum count per period; a period not listed uses the floor.</param>
    public static IReadOnlySet<ResultCell> Hidden(IEnumerable<ResultCell> cells, IReadOnlyDictionary<string, long> thresholds)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(thresholds);
        var hidden = new HashSet<ResultCell>();
        foreach (var table in cells.GroupBy(c => (c.Indicator, c.Period, c.Year)))
        {
            var byUnit = table.GroupBy(c => c.Unit, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            // A cell the engine flagged is small whatever its n says (a definition may ask for a higher minimum).
            var counts = byUnit.ToDictionary(c => c.Key, c => c.Value.Suppressed ? null : c.Value.N, StringComparer.Ordinal);
            IReadOnlyCollection<string>[] relations = byUnit.ContainsKey(TotalUnit) ? [byUnit.Keys.ToList()] : [];
            var minimum = thresholds.TryGetValue(table.Key.Period, out var m) ? m : Suppression.MinimumCountFloor;
            foreach (var unit in Suppression.Suppress(counts, minimum, relations))
            {
                hidden.UnionWith(table.Where(c => c.Unit == unit));
            }
        }

        return hidden;
    }

    /// <summary>The suppression view of a stored result.</summary>
    public static ResultCell Cell(IndicatorResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new ResultCell(r.IndicatorId, r.Period, r.Year, r.UnitId, r.N, r.Suppressed);
    }
}
