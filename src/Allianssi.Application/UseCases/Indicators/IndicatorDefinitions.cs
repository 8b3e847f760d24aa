using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Indicators.Catalog;
using Allianssi.Indicators.Definitions;
using Allianssi.Indicators.Engine;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Indicators;

/// <summary>The definitions an alliance computes: the reference catalog, then its own (newest version of each), and its periods as the engine needs them.</summary>
internal static class IndicatorDefinitions
{
    public static async Task<IReadOnlyList<IndicatorDefinition>> ForAllianceAsync(AllianssiDbContext db, int allianceId, CancellationToken ct)
    {
        var custom = await db.CustomIndicatorDefinitions.AsNoTracking().Where(d => d.AllianceId == allianceId).ToListAsync(ct);
        // A suspended newest version is not run (nor an older one in its place) until its author saves a new version.
        var newest = custom.GroupBy(d => d.Code, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(d => d.Version).First())
            .Where(d => d.SuspendedCode is null)
            .OrderBy(d => d.Code, StringComparer.Ordinal)
            .Select(ToEngine);
        return [.. ReferenceCatalog.Definitions, .. newest];
    }

    public static IndicatorDefinition ToEngine(CustomIndicatorDefinition d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new IndicatorDefinition
        {
            Id = d.Code,
            IsCustom = true,
            Version = d.Version,
            NameFi = d.NameFi,
            NameEn = d.NameEn,
            Description = d.Description,
            UnitOfMeasure = d.UnitOfMeasure,
            Direction = Enum.Parse<Direction>(d.Direction),
            Kind = Enum.Parse<AggregationKind>(d.Kind),
            SourceSystem = "custom",
            // A version stored before the floor existed may carry less; it computes as the floor.
            MinimumCount = (int)Suppression.Threshold(d.MinimumCount),
            Sql = d.Sql,
        };
    }

    /// <summary>A stored period with its parameters as the engine's period (a stored minimum count below the floor acts as the floor).</summary>
    public static ComputationPeriod ToEngine(Data.Entities.Period period)
    {
        ArgumentNullException.ThrowIfNull(period);
        var parameters = period.Parameters.ToDictionary(p => p.Name,
            p => (object)(double)(p.Name == ResultSuppression.MinimumCountParameter ? Suppression.Threshold(p.Value) : p.Value), StringComparer.Ordinal);
        return new ComputationPeriod(period.Code, period.Dates.Start, period.Dates.End, parameters);
    }

    public static async Task<Data.Entities.Period?> PeriodAsync(AllianssiDbContext db, int allianceId, string periodCode, CancellationToken ct) =>
        await StoredDates.ReadAsync(db, () => db.Periods.AsNoTracking().Include(p => p.Parameters).SingleOrDefaultAsync(p => p.AllianceId == allianceId && p.Code == periodCode, ct), ct);
}
