using Allianssi.Application.Data;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Indicators;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Organiser;

/// <summary>
/// The example organiser model demo mode loads: the wellbeing services county (pirha) organises for
/// Tampere 837, Pirkkala 604 and Ylöjärvi 980; its providers are the reference alliance's producer
/// (mehilainen, the Tesoma unit) and the city (tampere, its own health stations). Products are priced
/// from the demo ledger's accounts.
/// </summary>
public static class OrganiserDemo
{
    /// <summary>The first year the demo model applies to (the reference alliance's first).</summary>
    public const int Year = 2018;

    /// <summary>The demo model's JSON.</summary>
    public const string ModelJson = """
        {
          "organiser": "pirha",
          "municipalities": ["837", "604", "980"],
          "providers": [
            { "party": "mehilainen", "units": ["tesoma"] },
            { "party": "tampere", "units": ["hervanta", "kaleva", "linnainmaa", "tammela", "lielahti", "koivistonkyla", "hatanpaa", "takahuhti", "annala"] } ],
          "capitation": {
            "basePricePerMonth": 21.50,
            "ageSexWeights": [
              { "fromAge": 0,  "toAge": 6,    "sex": "any", "weight": 1.10 },
              { "fromAge": 7,  "toAge": 17,   "sex": "any", "weight": 0.60 },
              { "fromAge": 18, "toAge": 64,   "sex": "F",   "weight": 0.95 },
              { "fromAge": 18, "toAge": 64,   "sex": "M",   "weight": 0.75 },
              { "fromAge": 65, "toAge": 74,   "sex": "any", "weight": 1.40 },
              { "fromAge": 75, "toAge": null, "sex": "any", "weight": 2.30 } ],
            "needFactors": [
              { "id": "diabetes", "codes": ["E10", "E11"], "lookbackYears": null, "addend": 0.45 },
              { "id": "coronary", "codes": ["I20", "I21", "I22", "I23", "I24", "I25"], "lookbackYears": null, "addend": 0.35 },
              { "id": "severe_mental", "codes": ["F20", "F31", "F32.2", "F33.2"], "lookbackYears": 3, "addend": 0.30 } ],
            "municipalityFactors": { "604": 1.05 },
            "normalise": true
          },
          "tripleAim": {
            "poolRate": 0.05,
            "sanction": false,
            "aims": [
              { "id": "quality", "weight": 40, "indicators": [
                { "id": "t3_doctor", "weight": 20, "missing": "reweight", "levels": { "2018": { "minus100": 30, "zero": 14, "plus100": 7 } } },
                { "id": "nps", "weight": 20, "missing": "reweight", "levels": { "2018": { "minus100": 20, "zero": 50, "plus100": 80 } } } ] },
              { "id": "efficacy", "weight": 30, "indicators": [
                { "id": "chronic_balance", "weight": 30, "missing": "zero", "levels": { "2018": { "minus100": 30, "zero": 45, "plus100": 60 } } } ] },
              { "id": "cost", "weight": 30, "indicators": [
                { "id": "need_adjusted_cost_index", "weight": 30, "missing": "zero", "levels": { "2018": { "minus100": 115, "zero": 100, "plus100": 85 } } } ] } ]
          },
          "invoicing": {
            "members": ["837", "604", "980"],
            "memberParties": { "837": "tampere" },
            "products": [
              { "id": "doctor_visit", "name": "Lääkärin vastaanottokäynti", "costAccounts": ["4000"],
                "output": { "dataset": "visits", "service": ["primary_care"], "professional": ["doctor"] } },
              { "id": "dental_visit", "name": "Suun terveydenhuollon käynti", "costAccounts": ["4200"],
                "output": { "dataset": "visits", "service": ["dental"] } },
              { "id": "home_care_day", "name": "Kotihoidon asiakaspäivä", "costAccounts": ["4300"],
                "output": { "dataset": "service_periods", "service": ["home_care"], "measure": "days" } } ],
            "overhead": { "costAccounts": ["4400", "4500", "4600"] },
            "budgets": { "837": 12000000.00, "604": 300000.00, "980": 250000.00 }
          }
        }
        """;

    /// <summary>Saves the demo model for <see cref="Year"/> unless the alliance has an organiser model already.</summary>
    public static async Task EnsureAsync(AllianssiDbContext db, OrganiserPayments payments, string allianceCode, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(payments);
        if (await db.OrganiserModelVersions.AnyAsync(m => m.Alliance!.Code == allianceCode, ct))
        {
            return;
        }

        var saved = await payments.SaveModelAsync(allianceCode, Year, ModelJson, Actor.System, ct);
        if (!saved.IsOk)
        {
            throw new InvalidOperationException("the demo organiser model is invalid: " + saved.Message);
        }
    }
}
