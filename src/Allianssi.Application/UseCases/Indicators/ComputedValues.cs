using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Indicators;

/// <summary>
/// The scored values of an alliance: a value entered by hand (or loaded) for an indicator and year
/// wins; otherwise the alliance unit's computed result is used, labelled <c>computed vN</c>.
/// </summary>
internal static class ComputedValues
{
    public static string Label(int version) => FormattableString.Invariant($"computed v{version}");

    public static async Task<List<IndicatorValue>> MergeAsync(AllianssiDbContext db, Alliance alliance, IReadOnlyList<IndicatorValue> entered, CancellationToken ct)
    {
        var indicators = alliance.KeyResultAreas.SelectMany(k => k.Indicators).ToDictionary(i => i.Code, StringComparer.Ordinal);
        var computed = await db.IndicatorResults.AsNoTracking()
            .Where(r => r.AllianceId == alliance.Id && r.IsAllianceUnit && r.Value != null)
            .ToListAsync(ct);
        var merged = entered.ToList();
        var taken = new HashSet<(int, int)>(entered.Select(v => (v.IndicatorId, v.Year)));
        foreach (var r in computed.OrderByDescending(r => r.ComputedAt).ThenBy(r => r.Period, StringComparer.Ordinal))
        {
            if (indicators.TryGetValue(r.IndicatorId, out var indicator) && taken.Add((indicator.Id, r.Year)))
            {
                merged.Add(new IndicatorValue
                {
                    IndicatorId = indicator.Id,
                    Unit = alliance.ScoredUnit,
                    Year = r.Year,
                    Value = Math.Round((decimal)r.Value!.Value, 10, MidpointRounding.ToEven),
                    Source = Label(r.DefinitionVersion),
                });
            }
        }

        return merged;
    }
}
