using System.Text.RegularExpressions;
using Allianssi.Indicators.Definitions;

namespace Allianssi.Indicators.Catalog;

/// <summary>
/// The built-in catalog: the twelve reference indicators of <c>spec/indicators.md</c> (the Tesoma
/// key result areas plus T3), each a SQL body under <c>Catalog/Sql</c>.
/// </summary>
/// <remarks>
/// Thresholds are parameters with the period-1 defaults; the per-period values of the reference
/// configuration (<c>hba1cMax</c>, <c>ldlT2dMax</c>, <c>ldlChdMax</c>, <c>minimumCount</c>) override
/// them through <see cref="Engine.ComputationPeriod.Parameters"/>.
/// </remarks>
public static partial class ReferenceCatalog
{
    /// <summary>The ids in the order of indicators.md.</summary>
    public static readonly IReadOnlyList<string> Ids =
    [
        "ktk_4_5", "ktk_8_9", "chronic_care_plan", "chronic_balance", "dental_care_plan", "home_care_function",
        "acuta_cost_per_client", "hospital_cost_per_client", "specialist_cost_change", "nps", "partner_satisfaction", "t3_doctor",
    ];

    private static readonly Lazy<IReadOnlyList<IndicatorDefinition>> All = new(Build);

    /// <summary>All twelve definitions, in the order of <see cref="Ids"/>.</summary>
    public static IReadOnlyList<IndicatorDefinition> Definitions => All.Value;

    /// <summary>The definition with the id; throws <see cref="KeyNotFoundException"/> for an unknown id.</summary>
    public static IndicatorDefinition Get(string id) =>
        Definitions.FirstOrDefault(d => d.Id == id) ?? throw new KeyNotFoundException($"no reference indicator '{id}'");

    /// <summary>
    /// The text of an embedded catalog SQL file (e.g. <c>nps.sql</c>), each line <c>-- include part.sql</c>
    /// replaced by the text of that file: a part several bodies share word for word (the chronic patients
    /// of <c>chronic_care_plan</c> and <c>chronic_balance</c>), so the body a result records is whole.
    /// </summary>
    public static string ReadSql(string fileName)
    {
        using var stream = typeof(ReferenceCatalog).Assembly.GetManifestResourceStream("Allianssi.Indicators.Catalog.Sql." + fileName)
            ?? throw new InvalidOperationException($"catalog SQL {fileName} is missing from the assembly");
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd().ReplaceLineEndings("\n").TrimEnd() + "\n";
        return IncludeLine().Replace(text, include => ReadSql(include.Groups["file"].Value));
    }

    [GeneratedRegex(@"^-- include (?<file>[a-z0-9_]+\.sql)\n", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex IncludeLine();

    private static List<IndicatorDefinition> Build()
    {
        var hba1c = new IndicatorParameter("hba1cMax", ParameterType.Number, 53.0, "HbA1c upper limit of balance for T2D, mmol/mol (exclusive).");
        var ldlT2d = new IndicatorParameter("ldlT2dMax", ParameterType.Number, 2.6, "LDL upper limit of balance for T2D, mmol/l (exclusive).");
        var ldlChd = new IndicatorParameter("ldlChdMax", ParameterType.Number, 1.8, "LDL upper limit of balance for CHD, mmol/l (exclusive); 1.4 from 2022.");
        return
        [
            Reported("ktk_4_5", "Kouluterveyskysely, 4.-5. luokka", "School Health Promotion study, grades 4-5",
                "Kouluterveyskysely 4.-5. lk"),
            Reported("ktk_8_9", "Kouluterveyskysely, 8.-9. luokka", "School Health Promotion study, grades 8-9",
                "Kouluterveyskysely 8.-9. lk"),
            Own("chronic_care_plan", "Hoitosuunnitelma diabeetikoilla ja sepelvaltimotautipotilailla",
                "Care plans of type 2 diabetes and coronary heart disease patients",
                new("%", Direction.Higher, AggregationKind.Proportion, "Pegasos Tampere"),
                "Persons listed at u on end, aged 18-65 on end, with T2D (E11) or CHD (I20-I25) recorded on or before end; numerator: those with a care plan covering each of their diseases (diabetes/coronary, chronic covers both), created or reviewed in end-365 days < date <= end."),
            Own("chronic_balance", "Diabeetikoiden ja sepelvaltimotautipotilaiden hoitotasapaino",
                "Treatment balance of type 2 diabetes and coronary heart disease patients",
                new("%", Direction.Higher, AggregationKind.Proportion, "Pegasos Tampere"),
                "Same denominator as chronic_care_plan; numerator: T2D with latest HbA1c < hba1cMax and latest LDL < ldlT2dMax, CHD with latest LDL < ldlChdMax, both diseases meet both; latest result within 12 months (end-365 days < sampled_on <= end, ties: highest value); a missing result is not in balance.",
                hba1c, ldlT2d, ldlChd),
            Own("dental_care_plan", "Suun terveydenhuollon hoitosuunnitelma", "Dental care plans of adult dental patients",
                new("%", Direction.Higher, AggregationKind.Proportion, "Effica Lifecare Tampere"),
                "Persons aged 18 or more on end with at least one dental visit at u in the window; numerator: a dental care plan created or reviewed in end-365 days < date <= end."),
            Own("home_care_function", "Kotihoidon asiakkaiden toimintakyky säilyy", "Home-care clients' functional capacity maintained",
                new("%", Direction.Higher, AggregationKind.Proportion, "Treen sosiaalipalvelujen asiakasjärjestelmä"),
                "Persons with a home_care period at u overlapping the window and at least two ADLH assessments inside it; numerator: last ADLH score in the window <= first."),
            ServiceCost("acuta_cost_per_client", "emergency", "Acutan kustannukset kotihoidon ja tehostetun palveluasumisen asiakasta kohden",
                "Emergency (Acuta) cost per home-care and service-housing client"),
            ServiceCost("hospital_cost_per_client", "hospital", "Sairaalahoidon kustannukset kotihoidon ja tehostetun palveluasumisen asiakasta kohden",
                "Hospital cost per home-care and service-housing client"),
            Own("specialist_cost_change", "Erikoissairaanhoidon kustannusten muutos suhteessa kuntaan",
                "Change in specialised care cost per listed client relative to the municipality",
                new("percentage points", Direction.Lower, AggregationKind.Formula, "Sairaanhoitopiirin laskutus; Treen SAP"),
                "Cost per listed client (specialist, hospital and emergency visits in calendar year Y of persons listed on 1 July of Y); change vs the baseline year in %; value = u's change - its municipality's change, in percentage points; n = u's listed clients in Y.",
                new IndicatorParameter("baselineYear", ParameterType.WholeNumber, null, "The baseline year; default the year before the period starts.", DerivedDefault.YearBeforePeriodStart)),
            Own("nps", "Suositteluindeksi (NPS)", "Net Promoter Score",
                new("NPS (-100..100)", Direction.Higher, AggregationKind.Nps, "NPS-tekstiviestikysely"),
                "nps survey responses at u in the window: 100 * (share of scores 9-10 - share of scores 0-6); n = responses."),
            Own("partner_satisfaction", "Kumppanien tyytyväisyys", "Partner satisfaction",
                new("score (1-5)", Direction.Higher, AggregationKind.Mean, "Kyselylomake"),
                "Mean score of partner survey responses at u in the window on the scale scaleMin..scaleMax; n = responses.",
                new("scaleMin", ParameterType.Number, 1.0, "Lowest score of the scale."),
                new("scaleMax", ParameterType.Number, 5.0, "Highest score of the scale.")),
            Own("t3_doctor", "Kolmas vapaa kiireetön lääkäriaika (T3)", "Third next available non-urgent doctor appointment (T3)",
                new("days", Direction.Lower, AggregationKind.Median, "Ajanvarauskalenterit"),
                "Per snapshot of u in the window and doctor: days to the third free non_urgent slot on or after the snapshot date; fewer than three or a waiting list: 182. Median per snapshot (even count: mean of the middle two), then median over snapshots; n = (snapshot, doctor) pairs.",
                new IndicatorParameter("waitingListDays", ParameterType.WholeNumber, 182L, "Days recorded when a doctor has fewer than three free slots or uses a waiting list (THL).")),
        ];
    }

    /// <summary>How an indicator's value is measured and where its rows come from.</summary>
    private sealed record Measure(string Unit, Direction Direction, AggregationKind Kind, string SourceSystem);

    /// <summary>An indicator with its own SQL body <c>Catalog/Sql/{id}.sql</c>.</summary>
    private static IndicatorDefinition Own(string id, string nameFi, string nameEn, Measure measure, string description,
        params IndicatorParameter[] parameters) =>
        Define(id, nameFi, nameEn, measure, description, id + ".sql", parameters);

    private static IndicatorDefinition Reported(string id, string nameFi, string nameEn, string source) =>
        Define(id, nameFi, nameEn, new("%", Direction.Higher, AggregationKind.Reported, source),
            "The published value for the unit's area and year from reported_values (biennial; scoring carries the last value forward); n = the published denominator when given.",
            "reported.sql", [new("reportedId", ParameterType.Text, id, "The indicator_id of the published rows.")]);

    private static IndicatorDefinition ServiceCost(string id, string service, string nameFi, string nameEn) =>
        Define(id, nameFi, nameEn, new("EUR/client", Direction.Lower, AggregationKind.Ratio, "Tampereen SAP"),
            $"Clients: persons with a home_care or service_housing period at u overlapping the window. Value: the cost_eur of their {service} visits inside the window and inside one of their periods at u (counted once), divided by the number of clients; n = clients.",
            "service_client_cost.sql", [new("visitService", ParameterType.Text, service, "The visits' service.")]);

    private static IndicatorDefinition Define(string id, string nameFi, string nameEn, Measure measure, string description,
        string sqlFile, IReadOnlyList<IndicatorParameter> parameters) => new()
    {
        Id = id, Version = 1, NameFi = nameFi, NameEn = nameEn, Description = description,
        UnitOfMeasure = measure.Unit, Direction = measure.Direction, Kind = measure.Kind, Parameters = parameters,
        SourceSystem = measure.SourceSystem, Sql = ReadSql(sqlFile),
    };
}
