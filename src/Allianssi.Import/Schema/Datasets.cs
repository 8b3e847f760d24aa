using System.Collections.Frozen;
using static Allianssi.Import.Schema.ColumnKind;

namespace Allianssi.Import.Schema;

/// <summary>The fifteen datasets of data-model.md, matching the analytical store's tables.</summary>
public static class Datasets
{
    private static readonly FrozenSet<string> VisitServices = DatasetSchema.Set("primary_care", "dental", "emergency", "hospital", "specialist", "home_care", "social", "other");

    private static ColumnSpec R(string name, ColumnKind kind) => new(name, kind, true);

    private static ColumnSpec O(string name, ColumnKind kind) => new(name, kind, false);

    /// <summary>Every dataset by name (case-insensitive).</summary>
    public static FrozenDictionary<string, DatasetSchema> All { get; } = new DatasetSchema[]
    {
        new("units", [R("unit_id", FreeText), R("name", FreeText), R("municipality_code", Municipality),
            R("kind", Code) with { Codes = DatasetSchema.Set("alliance", "municipal", "private", "other") }, O("parent_id", UnitRef)], ["unit_id"]),
        new("persons", [R("person_id", PersonId), O("birth_date", Date), O("sex", Sex), R("municipality_code", Municipality), O("postal_code", PostalCode)], ["person_id"])
            { UpdatesByDefault = true },
        new("listings", [R("person_id", PersonId), R("unit_id", UnitRef), R("valid_from", Date), O("valid_to", Date)], ["person_id", "unit_id", "valid_from"]),
        new("diagnoses", [R("person_id", PersonId), R("code", Icd10), R("recorded_on", Date), O("unit_id", UnitRef)], ["person_id", "code", "recorded_on"]),
        new("lab_results", [R("person_id", PersonId), R("test_code", UpperCode), R("value", Number), R("unit", FreeText), R("sampled_on", Date), O("result_id", FreeText), new("analyte", Derived, false)],
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
        },
        new("care_plans", [R("person_id", PersonId), R("plan_type", Code) with { Codes = DatasetSchema.Set("diabetes", "coronary", "chronic", "dental", "other") },
            R("created_on", Date), O("reviewed_on", Date), O("unit_id", UnitRef)], ["person_id", "plan_type", "created_on"]),
        new("visits", [R("visit_id", FreeText), R("person_id", PersonId), R("unit_id", UnitRef), R("service", Code) with { Codes = VisitServices },
            R("visit_on", Date), O("professional", FreeText), O("cost_eur", Money), O("urgent", Flag)], ["visit_id"]),
        new("service_periods", [R("person_id", PersonId), R("unit_id", UnitRef), R("service", Code) with { Codes = DatasetSchema.Set("home_care", "service_housing") },
            R("start_on", Date), O("end_on", Date)], ["person_id", "unit_id", "service", "start_on"]),
        new("assessments", [R("person_id", PersonId), R("instrument", Code) with { Codes = DatasetSchema.Set("adlh", "cps", "maple", "iadl") },
            R("score", Number), R("assessed_on", Date), O("unit_id", UnitRef)], ["person_id", "instrument", "assessed_on"]),
        new("calendars", [R("snapshot_on", Date), R("unit_id", UnitRef), R("professional_id", FreeText), R("professional_group", Code), O("uses_waiting_list", Flag)],
            ["snapshot_on", "unit_id", "professional_id"]),
        new("slots", [R("snapshot_on", Date), R("unit_id", UnitRef), R("professional_id", FreeText), R("slot_start", Timestamp),
            R("status", Code) with { Codes = DatasetSchema.Set("free", "booked", "blocked") }, R("kind", Code) with { Codes = DatasetSchema.Set("non_urgent", "urgent") }],
            ["snapshot_on", "unit_id", "professional_id", "slot_start"]),
        new("survey_responses", [R("response_id", FreeText), R("survey", Code) with { Codes = DatasetSchema.Set("nps", "partner") }, R("unit_id", UnitRef),
            R("answered_on", Date), R("score", Number), O("service", Code)], ["response_id"]),
        new("reported_values", [R("indicator_id", FreeText), R("unit_id", UnitRef), R("year", WholeNumber) with { Min = 1900, Max = 2100 }, R("value", Number),
            O("numerator", Number), O("denominator", Number), O("source", FreeText)], ["indicator_id", "unit_id", "year"]),
        new("ledger", [R("entry_id", FreeText), R("party_id", PartyRef), R("booked_on", Date), R("amount_eur", Money), R("reimbursable", Flag),
            O("service", Code), O("account", FreeText), O("description", FreeText), O("document_ref", FreeText)], ["entry_id"]),
        new("population", [R("year", WholeNumber) with { Min = 1900, Max = 2100 }, R("municipality_code", Municipality), R("age_group", AgeGroup), R("sex", Sex),
            R("count", WholeNumber) with { Min = 0 }, O("area_id", FreeText)], ["year", "municipality_code", "area_id", "age_group", "sex"]),
    }.ToFrozenDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase);
}
