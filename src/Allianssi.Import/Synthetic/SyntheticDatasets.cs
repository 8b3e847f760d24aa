namespace Allianssi.Import.Synthetic;

/// <summary>The datasets of data-model.md with the columns the generator writes, in import order.</summary>
public static class SyntheticDatasets
{
    /// <summary>Dataset name to header, in the order the files should be imported (referenced data first).</summary>
    public static IReadOnlyList<(string Dataset, string[] Columns)> All { get; } =
    [
        ("units", ["unit_id", "name", "municipality_code", "kind", "parent_id"]),
        ("persons", ["person_id", "birth_date", "sex", "municipality_code", "postal_code"]),
        ("listings", ["person_id", "unit_id", "valid_from", "valid_to"]),
        ("diagnoses", ["person_id", "code", "recorded_on", "unit_id"]),
        ("lab_results", ["person_id", "test_code", "value", "unit", "sampled_on", "result_id"]),
        ("care_plans", ["person_id", "plan_type", "created_on", "reviewed_on", "unit_id"]),
        ("visits", ["visit_id", "person_id", "unit_id", "service", "visit_on", "professional", "cost_eur", "urgent"]),
        ("service_periods", ["person_id", "unit_id", "service", "start_on", "end_on"]),
        ("assessments", ["person_id", "instrument", "score", "assessed_on", "unit_id"]),
        ("calendars", ["snapshot_on", "unit_id", "professional_id", "professional_group", "uses_waiting_list"]),
        ("slots", ["snapshot_on", "unit_id", "professional_id", "slot_start", "status", "kind"]),
        ("survey_responses", ["response_id", "survey", "unit_id", "answered_on", "score", "service"]),
        ("reported_values", ["indicator_id", "unit_id", "year", "value", "numerator", "denominator", "source"]),
        ("ledger", ["entry_id", "party_id", "booked_on", "amount_eur", "reimbursable", "service", "account", "description", "document_ref"]),
        ("population", ["year", "municipality_code", "age_group", "sex", "count", "area_id"]),
    ];

    /// <summary>The header of one dataset.</summary>
    public static string[] ColumnsOf(string dataset) =>
        All.First(d => string.Equals(d.Dataset, dataset, StringComparison.Ordinal)).Columns;
}
