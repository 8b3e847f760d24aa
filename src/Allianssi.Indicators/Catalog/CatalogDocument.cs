using System.Globalization;
using System.Text;
using Allianssi.Indicators.Definitions;

namespace Allianssi.Indicators.Catalog;

/// <summary>
/// Renders <c>docs/indicators.md</c> from the catalog, so that the documented SQL is the SQL that
/// runs (a test fails when the file is stale).
/// </summary>
public static class CatalogDocument
{
    /// <summary>The interpretations of the specification's open points, as documented.</summary>
    public static readonly IReadOnlyList<string> Interpretations =
    [
        "**Window.** Year Y of period P is the part of Y inside P, both ends inclusive (`$start`..`$end`); 2018 of P1 is 2018-04-01..2018-12-31.",
        "**12 months ending on `end`.** The same rule for care plans as for laboratory results: `end - 365 days < date <= end`. A care plan counts when its `created_on` or its `reviewed_on` lies in that range. A plan (or result) dated exactly 365 days before `end` is outside; one dated on `end` is inside.",
        "**Age** is completed years on `end` (birthday-based: `year(end) - year(birth) - 1` when the birthday has not yet come in `end`'s year). A person without a birth date (or absent from `persons`) has no age and is in no age-bounded denominator. A person updated by a later batch: the row of the latest batch wins. (Someone born on 29 February turns a year older on 1 March in other years; no window of the reference periods ends on 28 February, so this never decides a result.)",
        "**Several units.** A person listed at two units on `end` is in both units' denominators; a dental patient with visits at two units likewise; a home-care client with periods at two units is a client of both.",
        "**Units of care plans, results and assessments.** Only where the text says so: the listing (chronic), the dental visit, the service period and the survey response are \"at u\"; diagnoses, care plans, laboratory results and ADLH assessments count wherever they were recorded.",
        "**Diagnosis codes** match by prefix, case-insensitively (`E11` matches `E11.9` and `E119`; CHD = the first three characters are `I20`..`I25`).",
        "**Balance.** A T2D patient needs both latest HbA1c `< hba1cMax` and latest LDL `< ldlT2dMax`; CHD needs latest LDL `< ldlChdMax`; a patient with both needs all three. Limits are exclusive. Each analyte's latest result is chosen separately.",
        "**Home care.** Two or more ADLH assessments dated inside the window (at any unit); first and last by `assessed_on`. The client's home_care period at u must overlap the window.",
        "**Cost per client.** A visit counts for unit u when it lies inside the window and inside one of the client's home_care/service_housing periods *at u* (a visit inside two overlapping periods counts once); visits at any unit count; a missing `cost_eur` counts 0; clients without visits count with 0.",
        "**specialist_cost_change.** \"In Y\" is the whole calendar year Y (and the whole baseline year), not the window; persons are those listed on 1 July of that year; the municipality's population counts each person once even when listed at two of its units. Value null when u has no listed clients in Y or a cost per client of the baseline year is 0 or missing. numerator = u's cost in Y, denominator = n = u's listed clients in Y.",
        "**NPS** counts scores >= 9 as promoters and <= 6 as detractors; numerator = promoters - detractors. **Partner satisfaction** ignores scores outside the scale (`scaleMin`..`scaleMax`, default 1..5): the spec makes the scale the indicator's parameter and the import checks only NPS scores (0-10), so the indicator is where an off-scale score is recognised as no answer; n counts the answers on the scale.",
        "**Laboratory units.** HbA1c in % and LDL in mg/dl are converted on import (IFCC = (DCCT% - 2.15) * 10.929; mmol/l = mg/dl / 38.67) and stored rounded to 4 decimals; the limits compare the stored value.",
        "**Checked independently.** Every reference indicator is also written by hand from the spec alone (`bench/Allianssi.Benchmarks/HandWritten/*.sql`, the benchmark's floor); `DifferentialTests` compares the engine with it for every indicator, unit and year of P1-P3 on seeded edge-case data sets.",
        "**T3.** Only calendars with `professional_group = doctor` and snapshot dates in the window. A slot counts when `status = free`, `kind = non_urgent` and its date is on or after the snapshot date; slots are ordered by `slot_start`. A missing `uses_waiting_list` is false. Days beyond 182 are not capped. Medians are `quantile_cont(0.5)` (even count: mean of the middle two).",
        "**Reported values** are the row for (indicator, unit, year of the window); the latest batch wins. No row: value null; carrying the last value forward is the scoring's `missing` rule, not the engine's. n = the published denominator, null when not given (then not suppressed).",
        "**Suppression.** `suppressed = n < minimumCount` (the period's parameter, default 5); the value is still returned (scoring uses it). A unit without subjects gets value null, numerator 0, denominator 0, n 0 (suppressed).",
    ];

    /// <summary>The complete document.</summary>
    public static string Render()
    {
        var text = new StringBuilder();
        text.Append("""
            # Indicator definitions (generated)

            This file is generated from `src/Allianssi.Indicators/Catalog` by
            `CatalogDocument.Render()`; a test fails when it is stale (run the tests with
            `ALLIANSSI_UPDATE_DOCS=1` to rewrite it). The specification is
            `shared/spec/indicators.md`; every definition below is computed for every unit in `units`.

            ## How a definition is computed

            A definition's body is one SELECT over the analytical store that returns per-subject rows for
            one window. The engine writes the placeholders in as typed literals (`$start`, `$end`: the
            window, DATE, both inclusive; `$year`; `$periodStart`, `$periodEnd`; and each parameter), wraps
            the body as a CTE and aggregates it per unit in the same query (`GROUP BY unit_id`,
            `LEFT JOIN` from `units` so that a unit without subjects gets a row with value null). Sums are
            over DECIMAL and counts over integers, rows are ordered by unit: recomputing unchanged inputs
            gives identical results. Each result records the definition version, the parameter values and
            the import batches of the tables the body reads.

            | kind | rows the body returns | value | n |
            |---|---|---|---|
            | proportion | unit_id, subject, in_denominator, in_numerator | 100 * numerator / denominator | denominator |
            | mean | unit_id, subject, value | sum / count of non-null values | count |
            | ratio | unit_id, subject, value | sum of values / subjects | subjects |
            | nps | unit_id, subject, value (0-10) | 100 * (promoters - detractors) / responses | responses |
            | median | unit_id, stratum, subject, value | median over strata of per-stratum medians | rows |
            | reported | unit_id, value, numerator, denominator | the published value | published denominator |
            | formula | unit_id, value, numerator, denominator, n | as returned (combines other measures) | as returned |

            Per-period parameters (`hba1cMax`, `ldlT2dMax`, `ldlChdMax`, `minimumCount`) come from the
            reference configuration (`tesoma-reference.json`) and override the defaults below.

            ## Interpretations

            """.ReplaceLineEndings("\n"));
        text.Append('\n');
        foreach (var item in Interpretations)
        {
            text.Append("- ").Append(item).Append('\n');
        }

        foreach (var d in ReferenceCatalog.Definitions)
        {
            text.Append('\n').Append("## `").Append(d.Id).Append("`: ").Append(d.NameEn).Append("\n\n");
            text.Append("| | |\n|---|---|\n");
            Row(text, "Finnish name", d.NameFi);
            Row(text, "version", d.Version.ToString(CultureInfo.InvariantCulture));
            Row(text, "kind", d.Kind.ToString().ToLowerInvariant());
            Row(text, "unit of measure", d.UnitOfMeasure);
            Row(text, "direction", d.Direction == Direction.Higher ? "higher is better" : "lower is better");
            Row(text, "source system", d.SourceSystem);
            Row(text, "minimum count", d.MinimumCount.ToString(CultureInfo.InvariantCulture) + " (per-period `minimumCount` overrides)");
            foreach (var p in d.Parameters)
            {
                var value = p.Derived == DerivedDefault.YearBeforePeriodStart ? "the year before the period starts"
                    : Convert.ToString(p.Default, CultureInfo.InvariantCulture);
                Row(text, "parameter `" + p.Name + "`", $"default {value}: {p.Description}");
            }

            text.Append('\n').Append(d.Description).Append("\n\n```sql\n").Append(d.Sql.TrimEnd()).Append("\n```\n");
        }

        AppendCostIndex(text);
        return text.ToString();
    }

    // The organiser's catalog indicator: computed over a provider's units together, from the organiser model's
    // capitation terms, so it is documented here with its SQL but is not one of the per-unit definitions above.
    private static void AppendCostIndex(StringBuilder text)
    {
        text.Append('\n').Append("## `").Append(Organiser.OrganiserEngine.CostIndexId).Append("`: Need-adjusted cost index (organiser payments)\n\n");
        text.Append("| | |\n|---|---|\n");
        Row(text, "Finnish name", "Tarvevakioitu kustannusindeksi");
        Row(text, "kind", "index over a unit group (a provider's units together); not per unit");
        Row(text, "unit of measure", "index, 100 = the providers' average");
        Row(text, "direction", "lower is better");
        Row(text, "needs", "the organiser model's `capitation` section (`--model FILE`); without one it is not computable and says so");
        Row(text, "computed by", "`OrganiserEngine.CostIndex` / `allianssi triple-aim`: SQL `OrganiserQueries.CapitationCells`, arithmetic `CapitationCalculator.NeedAdjustedCostIndex`");
        text.Append('\n').Append("""
            For a set of units g (a provider's) and year y (organiser-payments.md section 3), clause by clause, each with its test:

            1. For each month m of y and its first day d, the persons *listed at g on d* by the capitation rule: resident
               (a municipality of the model), classified (birth date known and not after d, an age-sex group for their
               sex), listing valid on d at a provider's unit, the latest `valid_from` winning (ties: the lowest `unit_id`).
               Tests: `OrganiserWorkedExampleTests` (P04's tie, P07's overlap, P09, P10, P11), `OrganiserStorePropertyTests`.
            2. Their need units W_g = the sum over the months of c' (the normalised coefficient of section 2).
               Test: the worked example's W = 38.9671 for mehilainen (`need_adjusted_cost_index.json`).
            3. Their costs C_g = the sum of `cost_eur` of all visits (every service, every unit) with `visit_on` in m of
               the persons listed at g on that month's d; an empty `cost_eur` counts 0. Test: the worked example
               (V17 emergency at OTH counts for P02's provider; V15 of 2022 and V16 of 2024 do not).
            4. C_all and W_all: the same over all providers' units together.
            5. Value = 100 * (C_g / W_g) / (C_all / W_all); no value (missing) when W_g, W_all or C_all is 0.
               n = listed person-months. Tests: the worked example (112.0345520097, n 38; 89.8869028082, n 55),
               `OrganiserPropertyTests` for the arithmetic.

            The SQL (for a model with the worked example's terms, year 2023): one row per month, provider, age-sex
            group, set of need factors and municipality, with the persons counted and their visit costs; the
            coefficients are priced from these counts in decimal arithmetic.

            ```sql

            """.ReplaceLineEndings("\n"));
        text.Append(Organiser.OrganiserQueries.CapitationCells(ExampleModel.Value, 2023).ReplaceLineEndings("\n").TrimEnd()).Append("\n```\n");
    }

    private static readonly Lazy<Domain.Organiser.OrganiserModel> ExampleModel = new(() => Domain.Organiser.OrganiserModelReader.Read("""
        {
          "organiser": "pirha", "municipalities": ["837", "604", "980"],
          "providers": [ { "party": "mehilainen", "units": ["TES"] }, { "party": "tampere", "units": ["HER", "LEN"] } ],
          "capitation": {
            "basePricePerMonth": 21.50,
            "ageSexWeights": [
              { "fromAge": 0, "toAge": 6, "sex": "any", "weight": 1.10 }, { "fromAge": 7, "toAge": 17, "sex": "any", "weight": 0.60 },
              { "fromAge": 18, "toAge": 64, "sex": "F", "weight": 0.95 }, { "fromAge": 18, "toAge": 64, "sex": "M", "weight": 0.75 },
              { "fromAge": 65, "toAge": 74, "sex": "any", "weight": 1.40 }, { "fromAge": 75, "toAge": null, "sex": "any", "weight": 2.30 } ],
            "needFactors": [
              { "id": "diabetes", "codes": ["E10", "E11"], "lookbackYears": null, "addend": 0.45 },
              { "id": "severe_mental", "codes": ["F20", "F32.2"], "lookbackYears": 3, "addend": 0.30 } ],
            "municipalityFactors": { "604": 1.05 }, "normalise": true
          }
        }
        """));

    private static void Row(StringBuilder text, string name, string value) =>
        text.Append("| ").Append(name).Append(" | ").Append(value.Replace("|", "\\|", StringComparison.Ordinal)).Append(" |\n");
}
