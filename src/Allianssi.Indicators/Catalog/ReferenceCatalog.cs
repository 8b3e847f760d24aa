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
public static class ReferenceCatalog
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

    /// <summary>The text of an embedded catalog SQL file (e.g. <c>nps.sql</c>).</summary>
    public static string ReadSql(string fileName)
    {
        using var stream = typeof(ReferenceCatalog).Assembly.GetManifestResourceStream("Allianssi.Indicators.Catalog.Sql." + fileName)
            ?? throw new InvalidOperationException($"catalog SQL {fileName} is missing from the assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().ReplaceLineEndings("\n").TrimEnd() + "\n";
    }

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
            new()
            {
                Id = "chronic_care_plan", Version = 1,
                NameFi = "Hoitosuunnitelma diabeetikoilla ja sepelvaltimotautipotilailla",
                NameEn = "Care plans of type 2 diabetes and coronary heart disease patients",
                Description = "Persons listed at u on end, aged 18-65 on end, with T2D (E11) or CHD (I20-I25) recorded on or before end; numerator: those with a care plan covering each of their diseases (diabetes/coronary, chronic covers both), created or reviewed in end-365 days < date <= end.",
                UnitOfMeasure = "%", Direction = Direction.Higher, Kind = AggregationKind.Proportion,
                SourceSystem = "Pegasos Tampere", Sql = ReadSql("chronic_care_plan.sql"),
            },
            new()
            {
                Id = "chronic_balance", Version = 1,
                NameFi = "Diabeetikoiden ja sepelvaltimotautipotilaiden hoitotasapaino",
                NameEn = "Treatment balance of type 2 diabetes and coronary heart disease patients",
                Description = "Same denominator as chronic_care_plan; numerator: T2D with latest HbA1c < hba1cMax and latest LDL < ldlT2dMax, CHD with latest LDL < ldlChdMax, both diseases meet both; latest result within 12 months (end-365 days < sampled_on <= end, ties: highest value); a missing result is not in balance.",
                UnitOfMeasure = "%", Direction = Direction.Higher, Kind = AggregationKind.Proportion,
                Parameters = [hba1c, ldlT2d, ldlChd],
                SourceSystem = "Pegasos Tampere", Sql = ReadSql("chronic_balance.sql"),
            },
            new()
            {
                Id = "dental_care_plan", Version = 1,
                NameFi = "Suun terveydenhuollon hoitosuunnitelma",
                NameEn = "Dental care plans of adult dental patients",
                Description = "Persons aged 18 or more on end with at least one dental visit at u in the window; numerator: a dental care plan created or reviewed in end-365 days < date <= end.",
                UnitOfMeasure = "%", Direction = Direction.Higher, Kind = AggregationKind.Proportion,
                SourceSystem = "Effica Lifecare Tampere", Sql = ReadSql("dental_care_plan.sql"),
            },
            new()
            {
                Id = "home_care_function", Version = 1,
                NameFi = "Kotihoidon asiakkaiden toimintakyky säilyy",
                NameEn = "Home-care clients' functional capacity maintained",
                Description = "Persons with a home_care period at u overlapping the window and at least two ADLH assessments inside it; numerator: last ADLH score in the window <= first.",
                UnitOfMeasure = "%", Direction = Direction.Higher, Kind = AggregationKind.Proportion,
                SourceSystem = "Treen sosiaalipalvelujen asiakasjärjestelmä", Sql = ReadSql("home_care_function.sql"),
            },
            ServiceCost("acuta_cost_per_client", "emergency", "Acutan kustannukset kotihoidon ja tehostetun palveluasumisen asiakasta kohden",
                "Emergency (Acuta) cost per home-care and service-housing client"),
            ServiceCost("hospital_cost_per_client", "hospital", "Sairaalahoidon kustannukset kotihoidon ja tehostetun palveluasumisen asiakasta kohden",
                "Hospital cost per home-care and service-housing client"),
            new()
            {
                Id = "specialist_cost_change", Version = 1,
                NameFi = "Erikoissairaanhoidon kustannusten muutos suhteessa kuntaan",
                NameEn = "Change in specialised care cost per listed client relative to the municipality",
                Description = "Cost per listed client (specialist, hospital and emergency visits in calendar year Y of persons listed on 1 July of Y); change vs the baseline year in %; value = u's change - its municipality's change, in percentage points; n = u's listed clients in Y.",
                UnitOfMeasure = "percentage points", Direction = Direction.Lower, Kind = AggregationKind.Formula,
                Parameters = [new("baselineYear", ParameterType.WholeNumber, null, "The baseline year; default the year before the period starts.", DerivedDefault.YearBeforePeriodStart)],
                SourceSystem = "Sairaanhoitopiirin laskutus; Treen SAP", Sql = ReadSql("specialist_cost_change.sql"),
            },
            new()
            {
                Id = "nps", Version = 1,
                NameFi = "Suositteluindeksi (NPS)", NameEn = "Net Promoter Score",
                Description = "nps survey responses at u in the window: 100 * (share of scores 9-10 - share of scores 0-6); n = responses.",
                UnitOfMeasure = "NPS (-100..100)", Direction = Direction.Higher, Kind = AggregationKind.Nps,
                SourceSystem = "NPS-tekstiviestikysely", Sql = ReadSql("nps.sql"),
            },
            new()
            {
                Id = "partner_satisfaction", Version = 1,
                NameFi = "Kumppanien tyytyväisyys", NameEn = "Partner satisfaction",
                Description = "Mean score of partner survey responses at u in the window on the scale scaleMin..scaleMax; n = responses.",
                UnitOfMeasure = "score (1-5)", Direction = Direction.Higher, Kind = AggregationKind.Mean,
                Parameters =
                [
                    new("scaleMin", ParameterType.Number, 1.0, "Lowest score of the scale."),
                    new("scaleMax", ParameterType.Number, 5.0, "Highest score of the scale."),
                ],
                SourceSystem = "Kyselylomake", Sql = ReadSql("partner_satisfaction.sql"),
            },
            new()
            {
                Id = "t3_doctor", Version = 1,
                NameFi = "Kolmas vapaa kiireetön lääkäriaika (T3)", NameEn = "Third next available non-urgent doctor appointment (T3)",
                Description = "Per snapshot of u in the window and doctor: days to the third free non_urgent slot on or after the snapshot date; fewer than three or a waiting list: 182. Median per snapshot (even count: mean of the middle two), then median over snapshots; n = (snapshot, doctor) pairs.",
                UnitOfMeasure = "days", Direction = Direction.Lower, Kind = AggregationKind.Median,
                Parameters = [new("waitingListDays", ParameterType.WholeNumber, 182L, "Days recorded when a doctor has fewer than three free slots or uses a waiting list (THL).")],
                SourceSystem = "Ajanvarauskalenterit", Sql = ReadSql("t3_doctor.sql"),
            },
        ];
    }

    private static IndicatorDefinition Reported(string id, string nameFi, string nameEn, string source) => new()
    {
        Id = id, Version = 1, NameFi = nameFi, NameEn = nameEn,
        Description = "The published value for the unit's area and year from reported_values (biennial; scoring carries the last value forward); n = the published denominator when given.",
        UnitOfMeasure = "%", Direction = Direction.Higher, Kind = AggregationKind.Reported,
        Parameters = [new("reportedId", ParameterType.Text, id, "The indicator_id of the published rows.")],
        SourceSystem = source, Sql = ReadSql("reported.sql"),
    };

    private static IndicatorDefinition ServiceCost(string id, string service, string nameFi, string nameEn) => new()
    {
        Id = id, Version = 1, NameFi = nameFi, NameEn = nameEn,
        Description = $"Clients: persons with a home_care or service_housing period at u overlapping the window. Value: the cost_eur of their {service} visits inside the window and inside one of their periods at u (counted once), divided by the number of clients; n = clients.",
        UnitOfMeasure = "EUR/client", Direction = Direction.Lower, Kind = AggregationKind.Ratio,
        Parameters = [new("visitService", ParameterType.Text, service, "The visits' service.")],
        SourceSystem = "Tampereen SAP", Sql = ReadSql("service_client_cost.sql"),
    };
}
