using Allianssi.Application.Data;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Common;
using Allianssi.Indicators.CareGaps;
using Allianssi.Indicators.Catalog;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Indicators;

/// <summary>One definition of the catalog as the indicators page lists it.</summary>
/// <param name="IsCustom">An analyst's own definition (newest version shown); otherwise a reference indicator.</param>
/// <param name="HasCareGaps">A care-gap list exists for it (proportion indicators of the reference catalog).</param>
public sealed record CatalogEntry(
    string Id, int Version, string NameFi, string NameEn, string Kind, string Direction, string UnitOfMeasure,
    string SourceSystem, int MinimumCount, bool IsCustom, bool HasCareGaps);

/// <summary>The alliance unit's stored result of one indicator and year (null value and counts when suppressed for the reader).</summary>
public sealed record AllianceUnitResult(string Indicator, string Period, int Year, double? Value, long? N, bool Suppressed, int DefinitionVersion, DateTimeOffset ComputedAt)
{
    /// <summary>The import batches the result was computed from (their ids as stored), for the page's statement of source.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<string> BatchIds { get; init; } = [];
}

/// <summary>
/// The definitions an alliance computes: the reference catalog then its custom definitions
/// (newest version of each), in computing order (any signed-in reader).
/// </summary>
public sealed class GetIndicatorCatalog(AllianssiDbContext db)
{
    public async Task<Outcome<IReadOnlyList<CatalogEntry>>> ExecuteAsync(string? allianceCode, CancellationToken ct = default)
    {
        var alliance = await IndicatorAccess.AllianceAsync(db, allianceCode, ct);
        if (alliance is null)
        {
            return Outcome<IReadOnlyList<CatalogEntry>>.NotFound("notFound.alliance", $"alliance '{allianceCode}'");
        }

        var definitions = await IndicatorDefinitions.ForAllianceAsync(db, alliance.Id, ct);
        var reference = ReferenceCatalog.Ids.ToHashSet(StringComparer.Ordinal);
        return Outcome<IReadOnlyList<CatalogEntry>>.Ok(definitions.Select(d => new CatalogEntry(
            d.Id, d.Version, d.NameFi, d.NameEn, d.Kind.ToString().ToLowerInvariant(), d.Direction.ToString().ToLowerInvariant(), d.UnitOfMeasure,
            d.SourceSystem, d.MinimumCount, !reference.Contains(d.Id), CareGapQueries.Indicators.Contains(d.Id))).ToList());
    }
}

/// <summary>
/// The alliance unit's stored results of a period, every indicator and year (any signed-in reader);
/// small counts are suppressed for everyone but the data controller, as on the benchmark: the same
/// cells, complements included (<see cref="ResultSuppression"/> over every unit of the period).
/// </summary>
public sealed class GetAllianceUnitResults(AllianssiDbContext db)
{
    public async Task<Outcome<IReadOnlyList<AllianceUnitResult>>> ExecuteAsync(string? allianceCode, string period, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var alliance = await IndicatorAccess.AllianceAsync(db, allianceCode, ct);
        if (alliance is null)
        {
            return Outcome<IReadOnlyList<AllianceUnitResult>>.NotFound("notFound.alliance", $"alliance '{allianceCode}'");
        }

        var controller = actor.Role == Roles.Controller;
        // Every unit of the period, not only the alliance's: its complements are decided over the whole table.
        var rows = await db.IndicatorResults.AsNoTracking()
            .Where(r => r.AllianceId == alliance.Id && r.Period == period)
            .ToListAsync(ct);
        var hidden = ResultSuppression.Hidden(rows.Select(ResultSuppression.Cell), await ResultSuppression.ThresholdsAsync(db, alliance.Id, ct));
        return Outcome<IReadOnlyList<AllianceUnitResult>>.Ok(rows.Where(r => r.IsAllianceUnit)
            .OrderBy(r => r.IndicatorId, StringComparer.Ordinal).ThenBy(r => r.Year)
            .Select(r =>
            {
                var suppressed = hidden.Contains(ResultSuppression.Cell(r));
                var hide = suppressed && !controller;
                return new AllianceUnitResult(r.IndicatorId, r.Period, r.Year, hide ? null : r.Value, hide ? null : r.N, suppressed, r.DefinitionVersion, r.ComputedAt)
                {
                    BatchIds = ComputedValues.BatchIds(r.BatchIdsJson),
                };
            })
            .ToList());
    }
}
