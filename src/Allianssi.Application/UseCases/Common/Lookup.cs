using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Common;

/// <summary>Finds configuration rows by their codes, as the pages and the API name them.</summary>
internal static class Lookup
{
    public static Task<Alliance?> AllianceAsync(this AllianssiDbContext db, string allianceCode, CancellationToken ct) =>
        db.Alliances.SingleOrDefaultAsync(a => a.Code == allianceCode, ct);

    public static Task<Party?> PartyAsync(this AllianssiDbContext db, string allianceCode, string partyCode, CancellationToken ct) =>
        db.Parties.SingleOrDefaultAsync(p => p.Alliance!.Code == allianceCode && p.Code == partyCode, ct);

    public static Task<Indicator?> IndicatorAsync(this AllianssiDbContext db, string allianceCode, string indicatorCode, CancellationToken ct) =>
        db.Indicators.Include(i => i.KeyResultArea)
            .SingleOrDefaultAsync(i => i.KeyResultArea!.Alliance!.Code == allianceCode && i.Code == indicatorCode, ct);
}
