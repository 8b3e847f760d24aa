using Allianssi.Domain.Contracts;
using Allianssi.Domain.Scenarios;

namespace Allianssi.Domain.Reference;

/// <summary>
/// ILLUSTRATIVE indicator values and ledger lines for Tesoma's first period (P1, 2018-04..2021).
/// </summary>
/// <remarks>
/// Not real data: invented figures tuned so that the settlement lands near the public headline
/// (period score about +58, actual cost about 12 % under target cost). Use them for demos and
/// examples only, and always label them as illustrative.
/// </remarks>
public static class TesomaIllustration
{
    /// <summary>The banner every surface shows next to results computed from this data.</summary>
    public const string Banner =
        "ILLUSTRATIVE: the indicator values and ledger lines of this example are invented (tuned to land near the public P1 headline: score about +58, cost about 12 % under target). They are not Tesoma's real figures.";

    /// <summary>Indicator values by indicator id and year (school survey values are biennial).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<int, decimal>> Values { get; } =
        new Dictionary<string, IReadOnlyDictionary<int, decimal>>
        {
            ["ktk_4_5"] = Years((2017, 77.0m), (2019, 77.9m), (2021, 78.6m)),
            ["ktk_8_9"] = Years((2017, 67.5m), (2019, 69.3m), (2021, 70.2m)),
            ["chronic_care_plan"] = Years((2018, 67.0m), (2019, 70.4m), (2020, 72.6m), (2021, 74.8m)),
            ["chronic_balance"] = Years((2018, 49.5m), (2019, 52.5m), (2020, 53.7m), (2021, 55.5m)),
            ["dental_care_plan"] = Years((2018, 76.0m), (2019, 78.0m), (2021, 83.0m)),
            ["home_care_function"] = Years((2018, 61.0m), (2019, 63.4m), (2020, 64.0m), (2021, 65.5m)),
            ["acuta_cost_per_client"] = Years((2018, 640m), (2019, 590m), (2020, 580m), (2021, 560m)),
            ["hospital_cost_per_client"] = Years((2018, 2220m), (2019, 2100m), (2020, 2040m), (2021, 1980m)),
            ["specialist_cost_change"] = Years((2018, -2.2m), (2019, -3.0m), (2020, -3.5m), (2021, -4.0m)),
            ["nps"] = Years((2018, 66m), (2019, 70m), (2020, 71m), (2021, 74m)),
            ["partner_satisfaction"] = Years((2018, 4.05m), (2019, 4.1m), (2020, 4.2m), (2021, 4.3m)),
        };

    /// <summary>Open-book ledger lines, about 88 % of each year's target cost.</summary>
    public static IReadOnlyList<LedgerEntry> Ledger { get; } =
    [
        Line("tampere", 2018, 3_000_000.00m), Line("mehilainen", 2018, 6_500_000.00m), Line("setlementti", 2018, 356_000.00m),
        Line("tampere", 2019, 4_000_000.00m), Line("mehilainen", 2019, 8_900_000.00m), Line("setlementti", 2019, 388_000.00m),
        Line("mehilainen", 2019, 120_000.00m, reimbursable: false),
        Line("tampere", 2020, 4_100_000.00m), Line("mehilainen", 2020, 9_050_000.00m), Line("setlementti", 2020, 402_000.00m),
        Line("tampere", 2021, 4_150_000.00m), Line("mehilainen", 2021, 9_160_000.00m), Line("setlementti", 2021, 418_000.00m),
    ];

    /// <summary>The P1 scenario (span 2018-2021) with the illustrative values and ledger.</summary>
    public static Scenario P1() => ReferenceConfiguration.Tesoma.CreateScenario("P1", null, Values, Ledger);

    private static Dictionary<int, decimal> Years(params (int Year, decimal Value)[] values) =>
        values.ToDictionary(v => v.Year, v => v.Value);

    private static LedgerEntry Line(string party, int year, decimal amount, bool reimbursable = true) =>
        new(new PartyId(party), year, new Money(amount), reimbursable);
}
