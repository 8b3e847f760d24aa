using System.Globalization;

namespace Allianssi.Import.Synthetic;

/// <summary>
/// The open-book cost ledger: for each party of the alliance, each month from 1.4.2018 (Pirha
/// from 2023, when health and social services moved to the wellbeing services county), cost lines
/// by account, some non-reimbursable lines and occasional credit notes.
/// </summary>
/// <remarks>
/// The ledger describes the reference alliance of tesoma-reference.json, whose target costs are
/// fixed in euros, so it does not scale with the number of residents: annual costs run about
/// 12 % under the target in period 1 and closer to it later (headline results of the reference).
/// Descriptions hold <c>ä</c>, <c>ö</c>, a delimiter and quotes, so the file exercises quoting
/// and Windows-1252.
/// </remarks>
internal static class LedgerSimulator
{
    private static readonly DateOnly AllianceStart = new(2018, 4, 1);

    private static readonly (string Account, string Description, double Share)[] Lines =
    [
        ("4000", "Henkilöstökulut", 0.55),
        ("4200", "Palvelujen ostot", 0.18),
        ("4300", "Aineet, tarvikkeet ja lääkkeet", 0.08),
        ("4400", "Vuokra; Tesoman hyvinvointikeskus", 0.12),
        ("4500", "ICT-palvelut ja potilastietojärjestelmä", 0.05),
        ("4600", "Koulutus \"Allianssipäivä\"", 0.02),
    ];

    private static readonly string[] Parties = ["tampere", "pirha", "mehilainen", "setlementti"];

    /// <summary>The alliance's actual annual run-rate cost (all parties).</summary>
    private static double AnnualCost(int year) => year switch
    {
        <= 2018 => 13_100_000,
        2019 => 13_300_000,
        2020 => 13_900_000,
        2021 => 14_100_000,
        2022 => 14_600_000,
        2023 => 15_900_000,
        2024 => 16_300_000,
        _ => 16_300_000 * Math.Pow(1.03, year - 2024),
    };

    private static double PartyShare(string party, int year) => (party, year >= 2023) switch
    {
        ("tampere", false) => 0.30,
        ("tampere", true) => 0.04,
        ("pirha", true) => 0.28,
        ("mehilainen", _) => 0.66 - (year >= 2023 ? 0.02 : 0),
        ("setlementti", _) => 0.04,
        _ => 0,
    };

    private static string Service(string party, string account) => (party, account) switch
    {
        ("mehilainen", "4000") => "primary_care",
        ("mehilainen", "4200") => "dental",
        ("tampere", "4000") => "home_care",
        ("pirha", "4000") => "home_care",
        ("setlementti", _) => "social",
        _ => "other",
    };

    public static void Write(GenerationOptions options, FinnishCsvWriter ledger)
    {
        var r = new SyntheticRandom(options.Seed, 0x1ED6_E500_0000UL);
        var first = options.WindowStart > AllianceStart ? options.WindowStart : AllianceStart;
        for (var month = new DateOnly(first.Year, first.Month, 1); month <= options.WindowEnd; month = month.AddMonths(1))
        {
            var monthEnd = month.AddMonths(1).AddDays(-1);
            var seasonal = month.Month == 7 ? 0.8 : 1.02;
            foreach (var party in Parties)
            {
                var share = PartyShare(party, month.Year);
                if (share <= 0)
                {
                    continue;
                }

                var monthly = AnnualCost(month.Year) * share / 12 * seasonal * (1 + r.Normal(0, 0.04));
                var sequence = 0;
                foreach (var (account, description, lineShare) in Lines)
                {
                    var amount = Math.Round((decimal)(monthly * lineShare * (1 + r.Normal(0, 0.03))), 2);
                    Line(ledger, party, month, ++sequence, monthEnd, amount, true, Service(party, account), account, description, r);
                }

                if (r.Chance(0.35))
                {
                    var (account, description, euros) = r.Chance(0.7)
                        ? ("4900", "Edustuskulut, ei korvattava", r.Between(150, 1500) + (r.Next(100) / 100.0))
                        : ("4910", "Viivästyskorot", r.Between(5, 300) + (r.Next(100) / 100.0));
                    Line(ledger, party, month, ++sequence, RandomDay(month, monthEnd, r), (decimal)euros, false, "other", account, description, r);
                }

                if (r.Chance(0.08))
                {
                    var credit = -(decimal)(r.Between(200, 6000) + (r.Next(100) / 100.0));
                    Line(ledger, party, month, ++sequence, RandomDay(month, monthEnd, r), credit, true, "other", "4200", "Hyvityslasku, palvelujen ostot", r);
                }
            }
        }
    }

    private static DateOnly RandomDay(DateOnly from, DateOnly to, SyntheticRandom r) => from.AddDays(r.Next(to.DayNumber - from.DayNumber + 1));

    private static void Line(FinnishCsvWriter ledger, string party, DateOnly month, int sequence, DateOnly bookedOn, decimal amount,
        bool reimbursable, string service, string account, string description, SyntheticRandom r)
    {
        var entryId = string.Create(CultureInfo.InvariantCulture, $"{party}-{month.Year:D4}{month.Month:D2}-{sequence:D3}");
        ledger.Text(entryId).Text(party).Date(bookedOn).Money(amount).Flag(reimbursable, BooleanStyle.Finnish)
            .Text(service).Text(account).Text(description);
        _ = r.Chance(0.1) ? ledger.Empty() : ledger.Text(string.Create(CultureInfo.InvariantCulture, $"TOSITE-{month.Year:D4}{month.Month:D2}-{r.Between(1000, 9999)}"));
        ledger.EndRow();
    }
}
