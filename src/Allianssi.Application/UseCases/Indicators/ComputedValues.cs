using System.Text.Json.Nodes;
using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.Reference;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Indicators;

/// <summary>Where a scored value comes from.</summary>
public enum ValueOriginKind
{
    /// <summary>The alliance unit's result computed from imported batches.</summary>
    Computed,

    /// <summary>Entered by hand (a user, through the API or the configuration page).</summary>
    Entered,

    /// <summary>The reference example's illustrative value, loaded with the demo configuration.</summary>
    Illustrative,
}

/// <summary>
/// The source of one scored value: computed (when, from how many import batches, which definition
/// version), entered (by whom, when, from the audit log) or illustrative.
/// </summary>
public sealed record ValueOrigin(ValueOriginKind Kind, DateTimeOffset? At = null, string? By = null, int? Batches = null, int? DefinitionVersion = null);

/// <summary>
/// The scored values of an alliance. Precedence, for an indicator and year: a value entered by hand
/// wins (a deliberate correction); then the alliance unit's computed result, labelled
/// <c>computed vN</c>; an illustrative value of the reference example counts only where nothing was
/// computed. So the scorecard shows the same value as the indicators page whenever a result exists.
/// </summary>
internal static class ComputedValues
{
    public static string Label(int version) => FormattableString.Invariant($"computed v{version}");

    /// <summary>Whether a stored value is the reference example's illustration (not entered by anyone).</summary>
    public static bool IsIllustrative(IndicatorValue value) => value.Source == DemoData.ValueSource;

    public static async Task<(List<IndicatorValue> Values, Dictionary<(int IndicatorId, int Year), ValueOrigin> Origins)> MergeAsync(
        AllianssiDbContext db, Alliance alliance, IReadOnlyList<IndicatorValue> stored, CancellationToken ct)
    {
        var indicators = alliance.KeyResultAreas.SelectMany(k => k.Indicators).ToDictionary(i => i.Code, StringComparer.Ordinal);
        var computed = await db.IndicatorResults.AsNoTracking()
            .Where(r => r.AllianceId == alliance.Id && r.IsAllianceUnit && r.Value != null)
            .ToListAsync(ct);
        var origins = new Dictionary<(int, int), ValueOrigin>();
        var entered = stored.Where(v => !IsIllustrative(v)).ToList();
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
                origins[(indicator.Id, r.Year)] = new ValueOrigin(ValueOriginKind.Computed, r.ComputedAt, null, BatchCount(r.BatchIdsJson), r.DefinitionVersion);
            }
        }

        foreach (var v in stored.Where(IsIllustrative))
        {
            if (taken.Add((v.IndicatorId, v.Year)))
            {
                merged.Add(v);
                origins[(v.IndicatorId, v.Year)] = new ValueOrigin(ValueOriginKind.Illustrative);
            }
        }

        if (entered.Count > 0)
        {
            // Who entered each value and when: the latest audit entry of that indicator, unit and year.
            var codes = alliance.KeyResultAreas.SelectMany(k => k.Indicators).ToDictionary(i => i.Id, i => i.Code);
            var keys = entered.Select(v => FormattableString.Invariant($"{codes[v.IndicatorId]}/{v.Unit}/{v.Year}")).ToList();
            var audit = await db.AuditEntries.AsNoTracking()
                .Where(a => a.Action == "set-indicator-value" && a.EntityKey != null && keys.Contains(a.EntityKey))
                .Select(a => new { a.EntityKey, a.Actor, a.At, a.Sequence })
                .ToListAsync(ct);
            var latest = audit.GroupBy(a => a.EntityKey!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.MaxBy(a => a.Sequence)!, StringComparer.Ordinal);
            for (var i = 0; i < entered.Count; i++)
            {
                var who = latest.GetValueOrDefault(keys[i]);
                origins[(entered[i].IndicatorId, entered[i].Year)] = new ValueOrigin(ValueOriginKind.Entered, who?.At, who?.Actor);
            }
        }

        return (merged, origins);
    }

    /// <summary>How many distinct import batches a computed result read.</summary>
    public static int BatchCount(string batchIdsJson) => BatchIds(batchIdsJson).Count;

    /// <summary>The distinct import batch ids a computed result read, as stored (JSON texts).</summary>
    public static IReadOnlyList<string> BatchIds(string batchIdsJson)
    {
        try
        {
            return JsonNode.Parse(batchIdsJson) is JsonArray batches
                ? batches.Select(b => b?.ToJsonString() ?? "null").Distinct(StringComparer.Ordinal).ToList()
                : [];
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }
}
