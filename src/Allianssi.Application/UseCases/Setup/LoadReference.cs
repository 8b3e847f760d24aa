using Allianssi.Application.Data;
using Allianssi.Application.Reference;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Common;
using Allianssi.Domain.Reference;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Setup;

/// <summary>
/// Loads a reference configuration (e.g. <c>tesoma</c>) into the operational store, optionally
/// with illustrative indicator values and ledger lines. Does nothing if the alliance exists.
/// </summary>
public sealed class LoadReference(AllianssiDbContext db, TimeProvider time)
{
    public async Task<Outcome<string>> ExecuteAsync(string name, bool withDemoData, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!ReferenceConfiguration.Names.Contains(name))
        {
            return Outcome<string>.Invalid("reference", "form.referenceUnknown", $"unknown reference '{name}'; known: {string.Join(", ", ReferenceConfiguration.Names)}");
        }

        var data = ReferenceEntities.Build(ReferenceConfiguration.Named(name));

        if (await db.Alliances.AnyAsync(a => a.Code == data.Alliance.Code, cancellationToken))
        {
            return Outcome<string>.Ok(data.Alliance.Code);
        }

        db.Alliances.Add(data.Alliance);
        db.TargetCosts.AddRange(data.TargetCosts);
        db.TargetCostAdjustments.AddRange(data.Adjustments);
        if (withDemoData)
        {
            foreach (var party in data.Alliance.Parties)
            {
                party.Services ??= DemoData.Services.GetValueOrDefault(party.Code);
            }

            var lastYear = data.TargetCosts.Max(t => t.Year);
            db.IndicatorValues.AddRange(DemoData.Values(data.Alliance, lastYear));
            db.LedgerLines.AddRange(DemoData.Ledger(data.Alliance, data.TargetCosts, data.Adjustments));
        }

        AuditLog.Record(db, time, actor, "load-reference", "Alliance", data.Alliance.Code, null, new { name, withDemoData });
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<string>.Ok(data.Alliance.Code);
    }
}
