using System.Diagnostics;
using System.Globalization;
using Allianssi.Indicators.Catalog;
using Allianssi.Indicators.Definitions;
using Allianssi.Indicators.Engine;
using Allianssi.Indicators.Store;
using DuckDB.NET.Data;

namespace Allianssi.Benchmarks;

// Usage: dotnet run -c Release --project bench/Allianssi.Benchmarks -- indicators [residents...]
// Generates synthetic data for each population size (10 units, four years of P1), then times
// (a) the engine computing all twelve indicators for every unit and year, and (b) the floor:
// the same bound bodies aggregated by hand-written GROUP BY queries on one raw connection.
internal static class IndicatorBenchmark
{
    public static int Run(string[] args)
    {
        var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [100_000, 1_000_000];
        var period = ComputationPeriod.Tesoma.Single(p => p.Id == "P1");
        Console.WriteLine("| residents | rows | engine (s) | floor (s) | ratio |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        foreach (var residents in sizes)
        {
            var dir = Path.Combine(Path.GetTempPath(), "allianssi-bench-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                var path = Path.Combine(dir, "analytical.duckdb");
                var store = new AnalyticalStore(path);
                store.EnsureSchema();
                var rows = Generate(path, residents);
                var engine = new IndicatorEngine(store);
                engine.ComputeAll(ReferenceCatalog.Definitions, period, [2019]); // warm-up
                var watch = Stopwatch.StartNew();
                var results = engine.ComputeAll(ReferenceCatalog.Definitions, period);
                var engineSeconds = watch.Elapsed.TotalSeconds;
                watch.Restart();
                Floor(path, period);
                var floorSeconds = watch.Elapsed.TotalSeconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {residents:N0} | {rows:N0} | {engineSeconds:0.00} | {floorSeconds:0.00} | {engineSeconds / floorSeconds:0.00} |"));
                _ = results.Count;
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        return 0;
    }

    private static void Floor(string path, ComputationPeriod period)
    {
        using var connection = new DuckDBConnection($"Data Source={path}");
        connection.Open();
        foreach (var d in ReferenceCatalog.Definitions)
        {
            foreach (var year in period.Years)
            {
                var body = SqlLiteral.Bind(d.Sql, IndicatorEngine.ResolveParameters(d, period, year));
                var aggregate = d.Kind switch
                {
                    AggregationKind.Proportion => "count(*) FILTER (WHERE in_denominator), count(*) FILTER (WHERE in_numerator)",
                    AggregationKind.Median => "median(value)",
                    AggregationKind.Reported or AggregationKind.Formula => "max(value)",
                    _ => "sum(value), count(*)",
                };
                using var command = connection.CreateCommand();
                command.CommandText = $"SELECT unit_id, {aggregate} FROM ({body}) GROUP BY unit_id";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                }
            }
        }
    }

    private static long Generate(string path, int residents)
    {
        using var connection = new DuckDBConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        var n = residents.ToString(CultureInfo.InvariantCulture);
        command.CommandText = $"""
            INSERT INTO units SELECT 0, i, 'unit' || i, 'Unit ' || i, CASE WHEN i < 8 THEN '837' ELSE '091' END, CASE WHEN i = 0 THEN 'alliance' ELSE 'municipal' END, NULL FROM range(10) t(i);
            INSERT INTO persons SELECT 0, i, 'p' || i, DATE '1930-01-01' + CAST(hash(i) % 30000 AS INTEGER), CASE WHEN i % 2 = 0 THEN 'F' ELSE 'M' END, '837', NULL FROM range({n}) t(i);
            INSERT INTO listings SELECT 0, i, 'p' || i, 'unit' || (hash(i * 7) % 10), DATE '2010-01-01' + CAST(hash(i * 3) % 3000 AS INTEGER), CASE WHEN i % 9 = 0 THEN DATE '2020-06-30' END FROM range({n}) t(i);
            INSERT INTO diagnoses SELECT 0, i, 'p' || i, CASE WHEN i % 2 = 0 THEN 'E11.9' ELSE 'I25.1' END, DATE '2012-01-01' + CAST(hash(i * 5) % 3000 AS INTEGER), NULL FROM range({n}) t(i) WHERE i % 10 < 2;
            INSERT INTO lab_results SELECT 0, i * 4 + k, 'p' || i, 'x', CASE WHEN k % 2 = 0 THEN 35 + hash(i + k) % 40 ELSE 1.0 + (hash(i + k) % 25) / 10.0 END, 'u', DATE '2017-06-01' + CAST(hash(i * 11 + k) % 1700 AS INTEGER), NULL, CASE WHEN k % 2 = 0 THEN 'hba1c' ELSE 'ldl' END FROM range({n}) t(i), range(8) s(k) WHERE i % 10 < 2;
            INSERT INTO care_plans SELECT 0, i, 'p' || i, CASE i % 4 WHEN 0 THEN 'diabetes' WHEN 1 THEN 'coronary' WHEN 2 THEN 'chronic' ELSE 'dental' END, DATE '2017-01-01' + CAST(hash(i * 13) % 1800 AS INTEGER), CASE WHEN i % 3 = 0 THEN DATE '2018-01-01' + CAST(hash(i) % 1400 AS INTEGER) END, NULL FROM range({n}) t(i) WHERE i % 5 < 2;
            INSERT INTO visits SELECT 0, i * 12 + k, 'v' || (i * 12 + k), 'p' || i, 'unit' || (hash(i * 7) % 10), CASE hash(i + k) % 6 WHEN 0 THEN 'dental' WHEN 1 THEN 'emergency' WHEN 2 THEN 'hospital' WHEN 3 THEN 'specialist' ELSE 'primary_care' END, DATE '2017-01-01' + CAST(hash(i * 17 + k) % 1825 AS INTEGER), NULL, CAST(hash(i + k) % 2000 AS DECIMAL(18, 2)), NULL FROM range({n}) t(i), range(12) s(k);
            INSERT INTO service_periods SELECT 0, i, 'p' || i, 'unit' || (hash(i * 7) % 10), CASE WHEN i % 2 = 0 THEN 'home_care' ELSE 'service_housing' END, DATE '2016-01-01' + CAST(hash(i * 19) % 1800 AS INTEGER), CASE WHEN i % 3 = 0 THEN DATE '2019-01-01' + CAST(hash(i) % 900 AS INTEGER) END FROM range({n}) t(i) WHERE i % 20 = 0;
            INSERT INTO assessments SELECT 0, i * 8 + k, 'p' || i, 'ADLH', hash(i + k) % 7, DATE '2018-01-01' + CAST(k * 180 + hash(i) % 90 AS INTEGER), NULL FROM range({n}) t(i), range(8) s(k) WHERE i % 20 = 0;
            INSERT INTO survey_responses SELECT 0, i, 'r' || i, CASE WHEN i % 5 = 0 THEN 'partner' ELSE 'nps' END, 'unit' || (i % 10), DATE '2018-01-01' + CAST(hash(i) % 1460 AS INTEGER), CASE WHEN i % 5 = 0 THEN 1 + hash(i) % 5 ELSE hash(i) % 11 END, NULL FROM range({n} // 10) t(i);
            INSERT INTO calendars SELECT 0, 0, DATE '2018-01-15' + CAST(m * 30 AS INTEGER), 'unit' || u, 'd' || d, 'doctor', d = 0 FROM range(48) a(m), range(10) b(u), range({n} // 5000 + 2) c(d);
            INSERT INTO slots SELECT 0, 0, DATE '2018-01-15' + CAST(m * 30 AS INTEGER), 'unit' || u, 'd' || d, TIMESTAMP '2018-01-15 08:00' + INTERVAL (m * 30 + hash(m + u + d + k) % 40) DAY + INTERVAL (k) MINUTE, CASE WHEN k % 3 = 0 THEN 'booked' ELSE 'free' END, CASE WHEN k % 5 = 0 THEN 'urgent' ELSE 'non_urgent' END FROM range(48) a(m), range(10) b(u), range({n} // 5000 + 2) c(d), range(12) s(k);
            INSERT INTO reported_values SELECT 0, 0, id, 'unit' || u, y, 70 + u, NULL, 400, NULL FROM (VALUES ('ktk_4_5'), ('ktk_8_9')) v(id), range(10) b(u), range(2017, 2022) c(y);
            """;
        command.ExecuteNonQuery();
        command.CommandText = "SELECT CAST(sum(estimated_size) AS BIGINT) FROM duckdb_tables()";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
