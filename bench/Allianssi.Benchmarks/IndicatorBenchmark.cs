using System.Diagnostics;
using System.Globalization;
using Allianssi.Benchmarks.HandWritten;
using Allianssi.Indicators.Catalog;
using Allianssi.Indicators.Engine;
using Allianssi.Store;

namespace Allianssi.Benchmarks;

// Usage: dotnet run -c Release --project bench/Allianssi.Benchmarks -- indicators [--reps N] [--memory 6GB] [--keep DIR] [residents...]
//
// For each population size: generates four years of synthetic data (P1, 2018-2021, plus the 2017
// baseline) into a fresh DuckDB file, then times
//   engine: IndicatorEngine.ComputeAll over the twelve reference definitions, every unit, every year;
//   floor:  the same twelve indicators as hand-written DuckDB SQL (HandWritten/*.sql, written from
//           indicators.md, one query per indicator and year returning the per-unit result).
// Both run in this process on connections opened by the same AnalyticalStore (same memory limit,
// same threads). After one untimed warm-up of each (year 2019), the two sides alternate for N
// repetitions, the side that goes first swapping every repetition; the table gives the median.
// Finally the engine's results are compared with the floor's (value, numerator, denominator to
// 1e-9, n, suppressed), so the floor is known to compute the same thing.
internal static class IndicatorBenchmark
{
    public static int Run(string[] args)
    {
        var reps = 3;
        var memory = "6GB";
        string? keep = null;
        var sizes = new List<int>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--reps": reps = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--memory": memory = args[++i]; break;
                case "--keep": keep = args[++i]; break;
                default: sizes.Add(int.Parse(args[i], CultureInfo.InvariantCulture)); break;
            }
        }

        if (sizes.Count == 0)
        {
            sizes = [100_000, 1_000_000, 5_000_000];
        }

        var period = ComputationPeriod.Tesoma.Single(p => p.Id == "P1");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# {Environment.ProcessorCount} cores, DuckDB memory_limit {memory}, {reps} alternating repetitions, {Environment.OSVersion}, .NET {Environment.Version}"));
        Console.WriteLine("| residents | units | rows | store (MB) | engine (s) | floor (s) | engine / floor | engine CPU (s) | floor CPU (s) | CPU ratio | results | agree |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        var breakdowns = new List<string>();
        foreach (var residents in sizes)
        {
            var dir = keep ?? Path.Combine(Path.GetTempPath(), "allianssi-bench-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                var path = Path.Combine(dir, $"analytical-{residents}.duckdb");
                var store = new AnalyticalStore(path, memory);
                var fresh = !File.Exists(path);
                store.EnsureSchema();
                var generate = Stopwatch.StartNew();
                var (rows, units) = fresh ? Generate(store, residents) : Count(store);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{residents:N0}: {rows:N0} rows in {generate.Elapsed.TotalSeconds:0.0} s"));
                var engine = new IndicatorEngine(store);
                engine.ComputeAll(ReferenceCatalog.Definitions, period, [2019]);
                Floor(store, period, [2019], null);
                var enginePer = new Dictionary<string, double>();
                var floorPer = new Dictionary<string, double>();
                IReadOnlyList<IndicatorResult> computed = [];
                List<HandWrittenResult> floor = [];
                var times = Measure.Alternate(
                    reps,
                    () => computed = ComputeTimed(engine, period, enginePer),
                    () => floor = Floor(store, period, period.Years, floorPer));

                var differences = Differences(computed, floor);
                var e = times.EngineWall;
                var f = times.FloorWall;
                var megabytes = new FileInfo(path).Length / 1e6;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {residents:N0} | {units} | {rows:N0} | {megabytes:N0} | {e:0.00} | {f:0.00} | {e / f:0.00} | {times.EngineCpu:0.00} | {times.FloorCpu:0.00} | {times.EngineCpu / times.FloorCpu:0.00} | {computed.Count:N0} | {(differences.Count == 0 ? "yes" : $"NO ({differences.Count})")} |"));
                foreach (var d in differences.Take(10))
                {
                    Console.Error.WriteLine("  differs: " + d);
                }

                breakdowns.Add(string.Create(CultureInfo.InvariantCulture, $"{residents:N0} residents, seconds per indicator (four years, summed over {reps} repetitions): ")
                    + string.Join(", ", HandWrittenIndicators.Ids.Select(id => string.Create(CultureInfo.InvariantCulture,
                        $"{id} {enginePer.GetValueOrDefault(id) / reps:0.00}/{floorPer.GetValueOrDefault(id) / reps:0.00}"))));
            }
            finally
            {
                if (keep is null)
                {
                    Directory.Delete(dir, recursive: true);
                }
            }
        }

        Console.WriteLine();
        foreach (var line in breakdowns)
        {
            Console.WriteLine("- " + line.Replace(" residents, seconds per indicator (four years, summed over", " residents, engine/floor seconds per indicator (four years, mean of", StringComparison.Ordinal));
        }

        return 0;
    }

    private static IReadOnlyList<IndicatorResult> ComputeTimed(IndicatorEngine engine, ComputationPeriod period, Dictionary<string, double> perIndicator)
    {
        var watch = Stopwatch.StartNew();
        var last = TimeSpan.Zero;
        var yearsPerDefinition = period.Years.Count();
        var ids = ReferenceCatalog.Definitions.Select(d => d.Id).ToList();
        return engine.ComputeAll(ReferenceCatalog.Definitions, period, progress: new SynchronousProgress(p =>
        {
            var id = ids[(p.Done - 1) / yearsPerDefinition];
            perIndicator[id] = perIndicator.GetValueOrDefault(id) + (watch.Elapsed - last).TotalSeconds;
            last = watch.Elapsed;
        }));
    }

    private static List<HandWrittenResult> Floor(AnalyticalStore store, ComputationPeriod period, IEnumerable<int> years, Dictionary<string, double>? perIndicator)
    {
        var results = new List<HandWrittenResult>();
        using var connection = store.Open();
        var yearList = years.ToList();
        foreach (var id in HandWrittenIndicators.Ids)
        {
            var watch = Stopwatch.StartNew();
            foreach (var year in yearList)
            {
                results.AddRange(HandWrittenIndicators.Compute(connection, id, period.Start, period.End, year, period.Parameters));
            }

            if (perIndicator is not null)
            {
                perIndicator[id] = perIndicator.GetValueOrDefault(id) + watch.Elapsed.TotalSeconds;
            }
        }

        return results;
    }

    private static List<string> Differences(IReadOnlyList<IndicatorResult> engine, List<HandWrittenResult> floor)
    {
        static bool Close(double? a, double? b) => (a, b) switch
        {
            (null, null) => true,
            ({ } x, { } y) => Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y))),
            _ => false,
        };
        var expected = floor.ToDictionary(o => (o.Indicator, o.Unit, o.Year));
        var differences = new List<string>();
        foreach (var e in engine)
        {
            if (!expected.Remove((e.Indicator, e.Unit, e.Year), out var o))
            {
                differences.Add($"{e.Indicator} {e.Unit} {e.Year}: only in the engine");
            }
            else if (!Close(e.Value, o.Value) || !Close(e.Numerator, o.Numerator) || !Close(e.Denominator, o.Denominator) || e.N != o.N || e.Suppressed != o.Suppressed)
            {
                differences.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{e.Indicator} {e.Unit} {e.Year}: engine {e.Value}/{e.Numerator}/{e.Denominator} n={e.N}; floor {o.Value}/{o.Numerator}/{o.Denominator} n={o.N}"));
            }
        }

        differences.AddRange(expected.Keys.Select(k => $"{k.Indicator} {k.Unit} {k.Year}: only in the floor"));
        return differences;
    }

    private static (long Rows, long Units) Count(AnalyticalStore store)
    {
        using var connection = store.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT CAST(sum(estimated_size) AS BIGINT), (SELECT count(*) FROM units) FROM duckdb_tables()";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    // Synthetic residents of U = max(10, residents / 25 000) units in two municipalities (every fifth
    // unit outside Tampere): listings, a fifth with T2D or CHD and their HbA1c/LDL results, care plans,
    // twelve visits per resident over 2017-2021, home care and service housing for one in twenty with
    // ADLH assessments, NPS and partner surveys, monthly T3 snapshots with a doctor per 5 000 residents.
    private static (long Rows, long Units) Generate(AnalyticalStore store, int residents)
    {
        var u = Math.Max(10, residents / 25_000);
        using (var connection = store.Open())
        {
        using var command = connection.CreateCommand();
        var n = residents.ToString(CultureInfo.InvariantCulture);
        var units = u.ToString(CultureInfo.InvariantCulture);
        var doctors = (residents / 5_000 / u + 2).ToString(CultureInfo.InvariantCulture);
        command.CommandText = $"""
            INSERT INTO units SELECT 0, i, 'unit' || i, 'Unit ' || i, CASE WHEN i % 5 = 4 THEN '091' ELSE '837' END, CASE WHEN i = 0 THEN 'alliance' ELSE 'municipal' END, NULL FROM range({units}) t(i);
            INSERT INTO persons SELECT 0, i, 'p' || i, DATE '1925-01-01' + CAST(hash(i) % 32000 AS INTEGER), CASE WHEN i % 2 = 0 THEN 'F' ELSE 'M' END, '837', NULL FROM range({n}) t(i);
            INSERT INTO listings SELECT 0, i, 'p' || i, 'unit' || (hash(i * 7) % {units}), DATE '2010-01-01' + CAST(hash(i * 3) % 3000 AS INTEGER), CASE WHEN i % 9 = 0 THEN DATE '2020-06-30' END FROM range({n}) t(i);
            INSERT INTO listings SELECT 0, i, 'p' || i, 'unit' || (hash(i * 5) % {units}), DATE '2020-07-01', NULL FROM range({n}) t(i) WHERE i % 9 = 0;
            INSERT INTO diagnoses SELECT 0, i, 'p' || i, CASE WHEN i % 3 = 0 THEN 'E11.9' WHEN i % 3 = 1 THEN 'I25.1' ELSE 'J45' END, DATE '2012-01-01' + CAST(hash(i * 5) % 3600 AS INTEGER), NULL FROM range({n}) t(i) WHERE i % 10 < 2;
            INSERT INTO diagnoses SELECT 0, i, 'p' || i, 'I21.0', DATE '2015-01-01' + CAST(hash(i * 5) % 2000 AS INTEGER), NULL FROM range({n}) t(i) WHERE i % 30 = 0;
            INSERT INTO lab_results SELECT 0, i * 8 + k, 'p' || i, CASE WHEN k % 2 = 0 THEN '59261-8' ELSE '22748-8' END, CASE WHEN k % 2 = 0 THEN 35 + hash(i + k) % 40 ELSE 1.0 + (hash(i + k) % 25) / 10.0 END, CASE WHEN k % 2 = 0 THEN 'mmol/mol' ELSE 'mmol/l' END, DATE '2017-01-01' + CAST(hash(i * 11 + k) % 1826 AS INTEGER), NULL, CASE WHEN k % 2 = 0 THEN 'hba1c' ELSE 'ldl' END FROM range({n}) t(i), range(8) s(k) WHERE i % 10 < 2;
            INSERT INTO care_plans SELECT 0, i, 'p' || i, CASE i % 4 WHEN 0 THEN 'diabetes' WHEN 1 THEN 'coronary' WHEN 2 THEN 'chronic' ELSE 'dental' END, DATE '2016-01-01' + CAST(hash(i * 13) % 2190 AS INTEGER), CASE WHEN i % 3 = 0 THEN DATE '2018-01-01' + CAST(hash(i) % 1460 AS INTEGER) END, NULL FROM range({n}) t(i) WHERE i % 5 < 2;
            INSERT INTO visits SELECT 0, i * 12 + k, 'v' || (i * 12 + k), 'p' || i, 'unit' || (hash(i * 7) % {units}), CASE hash(i + k) % 6 WHEN 0 THEN 'dental' WHEN 1 THEN 'emergency' WHEN 2 THEN 'hospital' WHEN 3 THEN 'specialist' ELSE 'primary_care' END, DATE '2017-01-01' + CAST(hash(i * 17 + k) % 1826 AS INTEGER), NULL, CAST(hash(i + k) % 200000 AS DECIMAL(18, 2)) / 100, NULL FROM range({n}) t(i), range(12) s(k);
            INSERT INTO service_periods SELECT 0, i, 'p' || i, 'unit' || (hash(i * 7) % {units}), CASE WHEN i % 40 = 0 THEN 'home_care' ELSE 'service_housing' END, DATE '2016-01-01' + CAST(hash(i * 19) % 1800 AS INTEGER), CASE WHEN i % 3 = 0 THEN DATE '2019-01-01' + CAST(hash(i) % 900 AS INTEGER) END FROM range({n}) t(i) WHERE i % 20 = 0;
            INSERT INTO assessments SELECT 0, i * 8 + k, 'p' || i, 'adlh', hash(i + k) % 7, DATE '2018-01-01' + CAST(k * 180 + hash(i) % 90 AS INTEGER), NULL FROM range({n}) t(i), range(8) s(k) WHERE i % 20 = 0;
            INSERT INTO survey_responses SELECT 0, i, 'r' || i, CASE WHEN i % 5 = 0 THEN 'partner' ELSE 'nps' END, 'unit' || (i % {units}), DATE '2018-01-01' + CAST(hash(i) % 1461 AS INTEGER), CASE WHEN i % 5 = 0 THEN 1 + hash(i) % 5 ELSE hash(i) % 11 END, NULL FROM range({n} // 10) t(i);
            INSERT INTO calendars SELECT 0, 0, DATE '2018-01-15' + CAST(m * 30 AS INTEGER), 'unit' || u, 'd' || d, CASE WHEN d % 7 = 6 THEN 'nurse' ELSE 'doctor' END, d % 11 = 10 FROM range(48) a(m), range({units}) b(u), range({doctors}) c(d);
            INSERT INTO slots SELECT 0, 0, DATE '2018-01-15' + CAST(m * 30 AS INTEGER), 'unit' || u, 'd' || d, TIMESTAMP '2018-01-15 08:00' + INTERVAL (m * 30 + hash(m, u, d, k) % 40 - 2) DAY + INTERVAL (k * 20) MINUTE, CASE WHEN k % 3 = 0 THEN 'booked' ELSE 'free' END, CASE WHEN k % 5 = 0 THEN 'urgent' ELSE 'non_urgent' END FROM range(48) a(m), range({units}) b(u), range({doctors}) c(d), range(12) s(k);
            INSERT INTO reported_values SELECT 0, 0, id, 'unit' || u, y, 70 + u % 20, NULL, 400, NULL FROM (VALUES ('ktk_4_5'), ('ktk_8_9')) v(id), range({units}) b(u), range(2017, 2022, 2) c(y);
            CHECKPOINT;
            """;
        command.ExecuteNonQuery();
        }

        return Count(store);
    }

    // Progress<T> posts to the thread pool; timing needs the callback on the computing thread.
    private sealed class SynchronousProgress(Action<(int Done, int Total)> report) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => report(value);
    }
}
