using System.Collections.Frozen;
using static Allianssi.Store.Schema.ColumnKind;

namespace Allianssi.Store.Schema;

/// <summary>
/// The fifteen datasets of data-model.md, each described once (<see cref="DatasetSchema"/>): the analytical store's
/// tables (<see cref="AnalyticalStore.EnsureSchema"/> creates each from its description), the parser's rules, the
/// generator's files and the demo data's suppliers come from here.
/// </summary>
/// <remarks>
/// The store's conventions, which the importer's parsing (<c>Allianssi.Import</c>) keeps:
/// <list type="bullet">
/// <item><c>person_id</c> holds the keyed pseudonym (HMAC-SHA-256, lower-case hex), never the raw identifier.</item>
/// <item>Codes are stored lower case (service, plan_type, status, kind, survey), sex as <c>M</c>/<c>F</c>, ICD-10 and
/// LOINC codes upper case as written without spaces.</item>
/// <item><c>lab_results.value</c> is converted to the canonical unit (HbA1c mmol/mol, LDL mmol/l); <c>analyte</c> is
/// <c>hba1c</c> or <c>ldl</c> for the value sets the reference catalog uses, else NULL.</item>
/// <item><c>batch_id</c> is the operational database's import batch id, <c>row_no</c> the data row in its file.</item>
/// </list>
/// </remarks>
public static class Datasets
{
    private static readonly FrozenSet<string> VisitServices = DatasetSchema.Set("primary_care", "dental", "emergency", "hospital", "specialist", "home_care", "social", "other");

    private static ColumnSpec R(string name, ColumnKind kind) => new(name, kind, true);

    private static ColumnSpec O(string name, ColumnKind kind) => new(name, kind, false);

    /// <summary>The units of the alliance and outside it; other datasets' unit columns refer to <c>unit_id</c>.</summary>
    public static DatasetSchema Units { get; } = new("units", [R("unit_id", FreeText), R("name", FreeText), R("municipality_code", Municipality),
        R("kind", Code) with { Codes = DatasetSchema.Set("alliance", "municipal", "private", "other") }, O("parent_id", UnitRef)], ["unit_id"])
    {
        SelfReference = "parent_id",
    };

    /// <summary>The persons; a later batch's different row for a known person updates it.</summary>
    public static DatasetSchema Persons { get; } = new("persons", [R("person_id", PersonId), O("birth_date", Date), O("sex", Sex), R("municipality_code", Municipality), O("postal_code", PostalCode)], ["person_id"])
    {
        UpdatesByDefault = true,
        Rules = [new FillFromIdentifier("birth_date", "sex")],
    };

    /// <summary>Who is listed at which unit, when.</summary>
    public static DatasetSchema Listings { get; } = new("listings", [R("person_id", PersonId), R("unit_id", UnitRef), R("valid_from", Date), O("valid_to", Date)], ["person_id", "unit_id", "valid_from"])
    {
        Supplier = DatasetSupplier.Producer,
        Rules = [new EndNotBeforeStart("valid_from", "valid_to")],
    };

    /// <summary>Diagnoses (ICD-10).</summary>
    public static DatasetSchema Diagnoses { get; } = new("diagnoses", [R("person_id", PersonId), R("code", Icd10), R("recorded_on", Date), O("unit_id", UnitRef)], ["person_id", "code", "recorded_on"])
    {
        Supplier = DatasetSupplier.Producer,
    };

    /// <summary>Laboratory results, converted to each test's canonical unit.</summary>
    public static DatasetSchema LabResults { get; } = new("lab_results", [R("person_id", PersonId), R("test_code", UpperCode), R("value", Number), R("unit", FreeText), R("sampled_on", Date), O("result_id", FreeText), new("analyte", Derived, false)],
        ["result_id", "person_id", "test_code", "sampled_on", "value"])
    {
        KeyExpressions =
        [
            "{0}.result_id",
            "CASE WHEN {0}.result_id IS NULL THEN {0}.person_id END",
            "CASE WHEN {0}.result_id IS NULL THEN {0}.test_code END",
            "CASE WHEN {0}.result_id IS NULL THEN {0}.sampled_on END",
            "CASE WHEN {0}.result_id IS NULL THEN {0}.value END",
        ],
        Supplier = DatasetSupplier.Producer,
        Rules = [new ConvertLabUnit("test_code", "value", "unit", "analyte")],
    };

    /// <summary>Care plans.</summary>
    public static DatasetSchema CarePlans { get; } = new("care_plans", [R("person_id", PersonId), R("plan_type", Code) with { Codes = DatasetSchema.Set("diabetes", "coronary", "chronic", "dental", "other") },
        R("created_on", Date), O("reviewed_on", Date), O("unit_id", UnitRef)], ["person_id", "plan_type", "created_on"])
    {
        Supplier = DatasetSupplier.Producer,
        Rules = [new EndNotBeforeStart("created_on", "reviewed_on")],
    };

    /// <summary>Visits and their costs.</summary>
    public static DatasetSchema Visits { get; } = new("visits", [R("visit_id", FreeText), R("person_id", PersonId), R("unit_id", UnitRef), R("service", Code) with { Codes = VisitServices },
        R("visit_on", Date), O("professional", FreeText), O("cost_eur", Money), O("urgent", Flag)], ["visit_id"])
    {
        Supplier = DatasetSupplier.Producer,
    };

    /// <summary>Home care and service housing periods.</summary>
    public static DatasetSchema ServicePeriods { get; } = new("service_periods", [R("person_id", PersonId), R("unit_id", UnitRef), R("service", Code) with { Codes = DatasetSchema.Set("home_care", "service_housing") },
        R("start_on", Date), O("end_on", Date)], ["person_id", "unit_id", "service", "start_on"])
    {
        Rules = [new EndNotBeforeStart("start_on", "end_on")],
    };

    /// <summary>Functional assessments; each instrument's score has its range.</summary>
    public static DatasetSchema Assessments { get; } = new("assessments", [R("person_id", PersonId), R("instrument", Code) with { Codes = DatasetSchema.Set("adlh", "cps", "maple", "iadl") },
        R("score", Number), R("assessed_on", Date), O("unit_id", UnitRef)], ["person_id", "instrument", "assessed_on"])
    {
        Rules =
        [
            new RangeForCode("instrument", "adlh", "score", 0, 6, "Outside the instrument's range 0-6."),
            new RangeForCode("instrument", "cps", "score", 0, 6, "Outside the instrument's range 0-6."),
            new RangeForCode("instrument", "maple", "score", 1, 5, "Outside the instrument's range 1-5."),
        ],
    };

    /// <summary>Professionals' calendars per snapshot.</summary>
    public static DatasetSchema Calendars { get; } = new("calendars", [R("snapshot_on", Date), R("unit_id", UnitRef), R("professional_id", FreeText), R("professional_group", Code), O("uses_waiting_list", Flag)],
        ["snapshot_on", "unit_id", "professional_id"])
    {
        Supplier = DatasetSupplier.Producer,
    };

    /// <summary>Appointment slots per snapshot.</summary>
    public static DatasetSchema Slots { get; } = new("slots", [R("snapshot_on", Date), R("unit_id", UnitRef), R("professional_id", FreeText), R("slot_start", Timestamp),
        R("status", Code) with { Codes = DatasetSchema.Set("free", "booked", "blocked") }, R("kind", Code) with { Codes = DatasetSchema.Set("non_urgent", "urgent") }],
        ["snapshot_on", "unit_id", "professional_id", "slot_start"])
    {
        Supplier = DatasetSupplier.Producer,
    };

    /// <summary>Survey responses (NPS and the partners' survey): any party's analysts import them (the producer's NPS, every party's partner survey).</summary>
    public static DatasetSchema SurveyResponses { get; } = new("survey_responses", [R("response_id", FreeText), R("survey", Code) with { Codes = DatasetSchema.Set("nps", "partner") }, R("unit_id", UnitRef),
        R("answered_on", Date), R("score", Number), O("service", Code)], ["response_id"])
    {
        Supplier = DatasetSupplier.Producer,
        ImportedBy = DatasetImporters.AnyParty,
        Rules = [new RangeForCode("survey", "nps", "score", 0, 10, "Outside the NPS range 0-10.")],
    };

    /// <summary>Values reported per unit and year.</summary>
    public static DatasetSchema ReportedValues { get; } = new("reported_values", [R("indicator_id", FreeText), R("unit_id", UnitRef), R("year", WholeNumber) with { Min = 1900, Max = 2100 }, R("value", Number),
        O("numerator", Number), O("denominator", Number), O("source", FreeText)], ["indicator_id", "unit_id", "year"]);

    /// <summary>The open-book ledger: each party's own entries, imported by the party's analysts (a row naming another party is rejected).</summary>
    public static DatasetSchema Ledger { get; } = new("ledger", [R("entry_id", FreeText), R("party_id", PartyRef), R("booked_on", Date), R("amount_eur", Money), R("reimbursable", Flag),
        O("service", Code), O("account", FreeText), O("description", FreeText), O("document_ref", FreeText)], ["entry_id"])
    {
        Supplier = DatasetSupplier.EachParty,
        ImportedBy = DatasetImporters.AnyParty,
    };

    /// <summary>The population by municipality (and area), age group and sex.</summary>
    public static DatasetSchema Population { get; } = new("population", [R("year", WholeNumber) with { Min = 1900, Max = 2100 }, R("municipality_code", Municipality), R("age_group", AgeGroup), R("sex", Sex),
        R("count", WholeNumber) with { Min = 0 }, O("area_id", FreeText)], ["year", "municipality_code", "area_id", "age_group", "sex"]);

    /// <summary>
    /// Every dataset in data-model.md's order, which is also the order to import them in (a dataset's references come
    /// before it) and the order of the analytical store's tables.
    /// </summary>
    public static IReadOnlyList<DatasetSchema> InOrder { get; } =
    [
        Units, Persons, Listings, Diagnoses, LabResults, CarePlans, Visits, ServicePeriods, Assessments, Calendars, Slots,
        SurveyResponses, ReportedValues, Ledger, Population,
    ];

    /// <summary>Every dataset by name (case-insensitive).</summary>
    public static FrozenDictionary<string, DatasetSchema> All { get; } = InOrder.ToFrozenDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase);
}
