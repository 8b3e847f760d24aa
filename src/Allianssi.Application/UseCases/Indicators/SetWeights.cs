using Allianssi.Application.Data;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Common;
using Allianssi.Domain;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Indicators;

/// <summary>All weights of a scorecard at once (percent of the whole), so the sums can be checked together.</summary>
public sealed record WeightsInput(IReadOnlyDictionary<string, decimal> Kras, IReadOnlyDictionary<string, decimal> Indicators);

/// <summary>
/// Sets the KRA and indicator weights (leadership or admin). KRA weights must add up to 100 and each
/// KRA's indicator weights to the KRA's weight (to 1e-9), as commercial-model.md section 3 requires.
/// </summary>
public sealed class SetWeights(AllianssiDbContext db, TimeProvider time)
{
    public async Task<Outcome<WeightsInput>> ExecuteAsync(string allianceCode, WeightsInput input, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        // The alliance's weights and levels set how its money is shared: the leadership team decides them.
        if (!actor.IsAdmin && actor.Role != Roles.Leadership)
        {
            return Outcome<WeightsInput>.Forbidden("forbidden.weights", $"only leadership and admins may change weights");
        }

        var kras = await db.KeyResultAreas.Include(k => k.Indicators)
            .Where(k => k.Alliance!.Code == allianceCode).ToListAsync(ct);
        if (kras.Count == 0)
        {
            return Outcome<WeightsInput>.NotFound("notFound.alliance", $"alliance '{allianceCode}'");
        }

        var before = Snapshot(kras);
        var v = new Validation();
        foreach (var code in input.Kras.Keys.Where(c => kras.All(k => k.Code != c)))
        {
            v.Add($"kras.{code}", "form.kraUnknown", $"no key result area '{code}'");
        }

        foreach (var code in input.Indicators.Keys.Where(c => kras.SelectMany(k => k.Indicators).All(i => i.Code != c)))
        {
            v.Add($"indicators.{code}", "form.indicatorUnknown", $"no indicator '{code}'");
        }

        decimal KraWeight(Data.Entities.KeyResultArea k) => input.Kras.TryGetValue(k.Code, out var w) ? w : k.Weight.Percent;
        decimal IndicatorWeight(Data.Entities.Indicator i) => input.Indicators.TryGetValue(i.Code, out var w) ? w : i.Weight.Percent;

        foreach (var (code, w) in input.Kras.Concat(input.Indicators).Where(e => e.Value < 0m))
        {
            v.Add(code, "form.weightNegative", $"weight of '{code}' is negative ({w})");
        }

        var total = kras.Sum(KraWeight);
        if (Math.Abs(total - 100m) > Weight.SumTolerance)
        {
            v.Add("kras", "form.kraWeightsSum", $"KRA weights add up to {total}, not 100");
        }

        foreach (var kra in kras)
        {
            var sum = kra.Indicators.Sum(IndicatorWeight);
            if (Math.Abs(sum - KraWeight(kra)) > Weight.SumTolerance)
            {
                v.Add($"kras.{kra.Code}", "form.indicatorWeightsSum", $"indicator weights of {kra.Code} add up to {sum}, not the KRA's weight {KraWeight(kra)}");
            }
        }

        if (v.HasErrors)
        {
            return v.ToOutcome<WeightsInput>();
        }

        foreach (var kra in kras)
        {
            kra.Weight = new Weight(KraWeight(kra));
            foreach (var indicator in kra.Indicators)
            {
                indicator.Weight = new Weight(IndicatorWeight(indicator));
            }
        }

        var after = Snapshot(kras);
        AuditLog.Record(db, time, actor, "set-weights", "Weights", allianceCode, before, after);
        await db.SaveChangesAsync(ct);
        return Outcome<WeightsInput>.Ok(after);
    }

    private static WeightsInput Snapshot(IEnumerable<Data.Entities.KeyResultArea> kras)
    {
        var list = kras.ToList();
        return new WeightsInput(
            list.ToDictionary(k => k.Code, k => k.Weight.Percent, StringComparer.Ordinal),
            list.SelectMany(k => k.Indicators).ToDictionary(i => i.Code, i => i.Weight.Percent, StringComparer.Ordinal));
    }
}
