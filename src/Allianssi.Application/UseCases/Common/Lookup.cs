using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Common;

/// <summary>Finds configuration rows by their codes, as the pages and the API name them.</summary>
internal static class Lookup
{
    public static Task<Alliance?> AllianceAsync(this AllianssiDbContext db, string allianceCode, CancellationToken ct) =>
        StoredDates.ReadAsync(db, () => db.Alliances.SingleOrDefaultAsync(a => a.Code == allianceCode, ct), ct);

    public static Task<Party?> PartyAsync(this AllianssiDbContext db, string allianceCode, string partyCode, CancellationToken ct) =>
        db.Parties.SingleOrDefaultAsync(p => p.Alliance!.Code == allianceCode && p.Code == partyCode, ct);

    public static Task<Indicator?> IndicatorAsync(this AllianssiDbContext db, string allianceCode, string indicatorCode, CancellationToken ct) =>
        db.Indicators.Include(i => i.KeyResultArea)
            .SingleOrDefaultAsync(i => i.KeyResultArea!.Alliance!.Code == allianceCode && i.Code == indicatorCode, ct);

    /// <summary>
    /// The indicator a form names for a year, with the form's field errors: no such indicator
    /// (<c>indicator</c>) or a year outside the alliance (<c>year</c>).
    /// </summary>
    public static async Task<(Indicator? Indicator, Validation Errors)> IndicatorForYearAsync(this AllianssiDbContext db, Alliance alliance, string? indicatorCode, int year, CancellationToken ct)
    {
        var indicator = await db.IndicatorAsync(alliance.Code, indicatorCode ?? string.Empty, ct);
        var v = new Validation();
        if (indicator is null)
        {
            v.Add("indicator", "form.indicatorNotInAlliance", $"no indicator '{indicatorCode}' in alliance '{alliance.Code}'");
        }

        if (!alliance.Dates.Overlaps(year))
        {
            v.Add("year", "form.yearOutsideAlliance", $"{year} is outside the alliance ({alliance.Dates.Start.Year}-{alliance.Dates.End.Year})");
        }

        return (indicator, v);
    }
}
