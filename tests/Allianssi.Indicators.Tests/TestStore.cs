using System.Globalization;
using Allianssi.Indicators.Catalog;
using Allianssi.Indicators.Engine;
using Allianssi.Store;
using DuckDB.NET.Data;

namespace Allianssi.Indicators.Tests;

/// <summary>
/// A temporary analytical store that tests fill with typed rows (no importer involved), then
/// compute on. Dates are ISO strings for brevity. Deleted on dispose.
/// </summary>
public sealed class TestStore : IDisposable
{
    private readonly string _dir;
    private readonly List<(string Sql, object?[] Values)> _pending = [];
    private long _row;

    /// <param name="memoryLimit">DuckDB's memory limit for the store (null: DuckDB's default).</param>
    /// <param name="maxTempDirectorySize">DuckDB's spill cap for the store (null: DuckDB's default).</param>
    public TestStore(string? memoryLimit = null, string? maxTempDirectorySize = null)
    {
        _dir = Path.Combine(Path.GetTempPath(), "allianssi-ind-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
        Store = new AnalyticalStore(Path.Combine(_dir, "analytical.duckdb"), memoryLimit, maxTempDirectorySize);
        Store.EnsureSchema();
    }

    public enum PeriodChoice
    {
        P1,
        P2,
    }

    public AnalyticalStore Store { get; }

    public long BatchId { get; set; } = 1;

    /// <summary>A period covering 2018-04-01..2021-12-31 with P1's parameters.</summary>
    public static ComputationPeriod P1 { get; } = new("P1", new DateOnly(2018, 4, 1), new DateOnly(2021, 12, 31),
        new Dictionary<string, object> { ["hba1cMax"] = 53.0, ["ldlT2dMax"] = 2.6, ["ldlChdMax"] = 1.8, ["minimumCount"] = 5.0 });

    public static ComputationPeriod P2 { get; } = new("P2", new DateOnly(2022, 1, 1), new DateOnly(2024, 12, 31),
        new Dictionary<string, object> { ["hba1cMax"] = 53.0, ["ldlT2dMax"] = 2.6, ["ldlChdMax"] = 1.4, ["minimumCount"] = 5.0 });

    public TestStore Unit(string id, string municipality = "837", string kind = "municipal") =>
        Insert("units", "unit_id, name, municipality_code, kind, parent_id", id, id, municipality, kind, null);

    public TestStore Person(string id, string? birth, string sex = "F", string municipality = "837") =>
        Insert("persons", "person_id, birth_date, sex, municipality_code, postal_code", id, D(birth), sex, municipality, null);

    public TestStore Listing(string person, string unit, string from, string? to = null) =>
        Insert("listings", "person_id, unit_id, valid_from, valid_to", person, unit, D(from), D(to));

    public TestStore Diagnosis(string person, string code, string on, string? unit = null) =>
        Insert("diagnoses", "person_id, code, recorded_on, unit_id", person, code, D(on), unit);

    public TestStore Lab(string person, string analyte, double value, string on)
    {
        var (code, unit) = analyte == "hba1c" ? ("59261-8", "mmol/mol") : ("22748-8", "mmol/l");
        return Insert("lab_results", "person_id, test_code, value, unit, sampled_on, result_id, analyte", person, code, value, unit, D(on), null, analyte);
    }

    public TestStore CarePlan(string person, string type, string created, string? reviewed = null, string? unit = null) =>
        Insert("care_plans", "person_id, plan_type, created_on, reviewed_on, unit_id", person, type, D(created), D(reviewed), unit);

    public TestStore Visit(string person, string unit, string service, string on, decimal? cost = null, bool? urgent = null) =>
        Insert("visits", "visit_id, person_id, unit_id, service, visit_on, professional, cost_eur, urgent",
            "v" + (_row + 1).ToString(CultureInfo.InvariantCulture), person, unit, service, D(on), null, cost, urgent);

    public TestStore ServicePeriod(string person, string unit, string service, string start, string? end = null) =>
        Insert("service_periods", "person_id, unit_id, service, start_on, end_on", person, unit, service, D(start), D(end));

    public TestStore Assessment(string person, string instrument, double score, string on) =>
        Insert("assessments", "person_id, instrument, score, assessed_on, unit_id", person, instrument, score, D(on), null);

    public TestStore Calendar(string snapshot, string unit, string professional, string group = "doctor", bool? waitingList = false) =>
        Insert("calendars", "snapshot_on, unit_id, professional_id, professional_group, uses_waiting_list", D(snapshot), unit, professional, group, waitingList);

    public TestStore Slot(string snapshot, string unit, string professional, string start, string status = "free", string kind = "non_urgent") =>
        Insert("slots", "snapshot_on, unit_id, professional_id, slot_start, status, kind", D(snapshot), unit, professional,
            DateTime.ParseExact(start, ["yyyy-MM-dd HH:mm", "yyyy-MM-dd"], CultureInfo.InvariantCulture), status, kind);

    public TestStore Survey(string survey, string unit, string on, double score) =>
        Insert("survey_responses", "response_id, survey, unit_id, answered_on, score, service",
            "r" + (_row + 1).ToString(CultureInfo.InvariantCulture), survey, unit, D(on), score, null);

    public TestStore Reported(string indicator, string unit, int year, double value, double? numerator = null, double? denominator = null) =>
        Insert("reported_values", "indicator_id, unit_id, year, value, numerator, denominator, source", indicator, unit, year, value, numerator, denominator, "test");

    /// <summary>Inserts one row with batch id and row number.</summary>
    public TestStore Insert(string table, string columns, params object?[] values)
    {
        var all = new object?[values.Length + 2];
        all[0] = BatchId;
        all[1] = (int)++_row;
        values.CopyTo(all, 2);
        _pending.Add(($"INSERT INTO {table} (batch_id, row_no, {columns}) VALUES ({string.Join(", ", Enumerable.Range(0, all.Length).Select(i => "$p" + i.ToString(CultureInfo.InvariantCulture)))})", all));
        return this;
    }

    /// <summary>Writes the buffered rows (one connection for all of them).</summary>
    public void Flush()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        using var connection = new DuckDBConnection($"Data Source={Store.Path}");
        connection.Open();
        foreach (var (sql, values) in _pending)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters.Add(new DuckDBParameter("p" + i.ToString(CultureInfo.InvariantCulture), values[i] ?? DBNull.Value));
            }

            command.ExecuteNonQuery();
        }

        _pending.Clear();
    }

    /// <summary>Runs SQL against the store without the sandbox (test setup and inspection).</summary>
    public object? Scalar(string sql)
    {
        Flush();
        using var connection = new DuckDBConnection($"Data Source={Store.Path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public IReadOnlyList<IndicatorResult> Compute(string indicator, int year, ComputationPeriod? period = null, IReadOnlyDictionary<string, object>? parameters = null)
    {
        Flush();
        return new IndicatorEngine(Store).Compute(ReferenceCatalog.Get(indicator), period ?? P1, year, parameters);
    }

    public IndicatorResult Result(string indicator, string unit, int year, ComputationPeriod? period = null) =>
        Compute(indicator, year, period).Single(r => r.Unit == unit);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static DateOnly? D(string? iso) => iso is null ? null : DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
