using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Allianssi.Domain.Organiser;
using Allianssi.Indicators.Organiser;
using Allianssi.Store;
using DuckDB.NET.Data;

namespace Allianssi.Benchmarks;

// Usage: dotnet run -c Release --project bench/Allianssi.Benchmarks -- organiser [--reps N] [--memory 6GB] [residents...]
//
// For each population size: generates one year (2023) of synthetic data for an organiser with three
// member municipalities (837, 604, 980; every twentieth resident elsewhere) and three providers
// into a fresh DuckDB file, then times
//   engine: OrganiserEngine.Capitation (twelve months), the need-adjusted cost index from it
//           (CapitationCalculator.NeedAdjustedCostIndex) and OrganiserEngine.Invoice: what the
//           capitation, triple-aim and invoice pages and commands run;
//   floor:  the same figures written by hand as two DuckDB queries (Organiser/capitation.sql,
//           Organiser/invoice.sql), which classify, price and round in SQL.
// After an untimed warm-up of each, the two sides alternate for N repetitions (the side that goes
// first swaps every repetition); the table gives the median. The engine's figures are then compared
// with the floor's: every provider-month amount and listed count, every cost index (to 1e-9
// relative), every member's and others' invoice total (to the cent).
internal static class OrganiserBenchmark
{
    private const int Year = 2023;
    private static readonly string[] Parties = ["mehilainen", "tampere", "setlementti"];

    public static int Run(string[] args)
    {
        var reps = 3;
        var memory = "6GB";
        var sizes = new List<int>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--reps": reps = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--memory": memory = args[++i]; break;
                default: sizes.Add(int.Parse(args[i], CultureInfo.InvariantCulture)); break;
            }
        }

        if (sizes.Count == 0)
        {
            sizes = [100_000, 300_000, 1_000_000];
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# {Environment.ProcessorCount} cores, DuckDB memory_limit {memory}, {reps} alternating repetitions, {Environment.OSVersion}, .NET {Environment.Version}"));
        Console.WriteLine("| residents | rows | engine (s) | floor (s) | engine / floor | engine CPU (s) | floor CPU (s) | engine s per 100k | agree |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var residents in sizes)
        {
            var dir = Path.Combine(Path.GetTempPath(), "allianssi-organiser-bench-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                var store = new AnalyticalStore(Path.Combine(dir, "analytical.duckdb"), memory);
                store.EnsureSchema();
                var generate = Stopwatch.StartNew();
                var (rows, units) = Generate(store, residents);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{residents:N0}: {rows:N0} rows, {units} units in {generate.Elapsed.TotalSeconds:0.0} s"));
                var model = OrganiserModelReader.Read(ModelJson(units));
                var engine = new OrganiserEngine(store);
                var providers = string.Join(", ", model.Providers.SelectMany(p => p.Units.Select(u => $"('{u}', '{p.Party.Value}')")));
                Figures computed = Engine(engine, model);
                Figures floor = Floor(store, providers);
                Parts.Clear();
                var times = Measure.Alternate(reps, () => computed = Engine(engine, model), () => floor = Floor(store, providers));
                Console.Error.WriteLine("  seconds per part, mean of the timed runs: " + string.Join(", ", Parts.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value / reps:0.00}"))));
                var differences = Differences(computed, floor);
                foreach (var d in differences.Take(10))
                {
                    Console.Error.WriteLine("  differs: " + d);
                }

                var e = times.EngineWall;
                var f = times.FloorWall;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {residents:N0} | {rows:N0} | {e:0.00} | {f:0.00} | {e / f:0.00} | {times.EngineCpu:0.00} | {times.FloorCpu:0.00} | {e / (residents / 100_000.0):0.00} | {(differences.Count == 0 ? $"yes ({computed.Count} figures)" : $"NO ({differences.Count} of {computed.Count})")} |"));
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }

        return 0;
    }

    // The figures both sides produce, keyed alike: "month party m" -> (listed, amount), "index party" -> value,
    // "invoice m" -> total.
    private sealed class Figures : Dictionary<string, (decimal A, decimal B)>
    {
    }

    // Seconds per part, summed over the timed runs: capitation (with the cost index) and invoices, engine and floor.
    private static readonly Dictionary<string, double> Parts = [];

    private static T Part<T>(string name, Func<T> part)
    {
        var watch = Stopwatch.StartNew();
        var result = part();
        Parts[name] = Parts.GetValueOrDefault(name) + watch.Elapsed.TotalSeconds;
        return result;
    }

    private static Figures Engine(OrganiserEngine engine, OrganiserModel model)
    {
        var capitation = Part("engine capitation", () => engine.Capitation(model, Year));
        var index = CapitationCalculator.NeedAdjustedCostIndex(capitation);
        var invoices = Part("engine invoice", () => engine.Invoice(model, Year));
        var figures = new Figures();
        foreach (var month in capitation.Months)
        {
            foreach (var p in month.Providers)
            {
                figures[$"month {p.Party.Value} {month.Month}"] = (p.Listed, p.Amount.Euros);
            }
        }

        foreach (var c in index)
        {
            figures[$"index {c.Party.Value}"] = (c.N, c.Value ?? -1m);
        }

        foreach (var m in invoices.Members)
        {
            figures[$"invoice {m.Municipality}"] = (0, m.Total.Euros);
        }

        figures["invoice others"] = (0, invoices.Others.Total.Euros);
        return figures;
    }

    private static Figures Floor(AnalyticalStore store, string providers)
    {
        var figures = new Figures();
        using var connection = store.Open();
        Part("floor capitation", () => Read(connection, Sql("capitation", providers), r =>
        {
            var party = r.GetString(1);
            if (r.GetString(0) == "month")
            {
                figures[$"month {party} {r.GetInt32(2)}"] = (Convert.ToDecimal(r.GetValue(3), CultureInfo.InvariantCulture), Convert.ToDecimal(r.GetValue(4), CultureInfo.InvariantCulture));
            }
            else
            {
                figures[$"index {party}"] = (Convert.ToDecimal(r.GetValue(3), CultureInfo.InvariantCulture), (decimal)r.GetDouble(5));
            }
        }));
        Part("floor invoice", () => Read(connection, Sql("invoice", providers), r =>
            figures[$"invoice {r.GetString(0)}"] = (0, Convert.ToDecimal(r.GetValue(1), CultureInfo.InvariantCulture))));
        return figures;
    }

    private static List<string> Differences(Figures engine, Figures floor)
    {
        var differences = new List<string>();
        foreach (var (key, (a, b)) in engine)
        {
            if (!floor.TryGetValue(key, out var o))
            {
                // A provider without listed persons in a month has a zero row in the engine only.
                if (!(key.StartsWith("month ", StringComparison.Ordinal) && a == 0 && b == 0))
                {
                    differences.Add($"{key}: only in the engine");
                }

                continue;
            }

            var close = key.StartsWith("index ", StringComparison.Ordinal)
                ? Math.Abs(b - o.B) <= 1e-9m * Math.Max(1m, Math.Abs(b))
                : b == o.B;
            if (a != o.A || !close)
            {
                differences.Add(string.Create(CultureInfo.InvariantCulture, $"{key}: engine {a}/{b}, floor {o.A}/{o.B}"));
            }
        }

        differences.AddRange(floor.Keys.Where(k => !engine.ContainsKey(k)).Select(k => $"{k}: only in the floor"));
        return differences;
    }

    private static string Sql(string name, string providers)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Organiser.{name}.sql")
            ?? throw new InvalidOperationException($"Organiser/{name}.sql is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd()
            .Replace("{year}", Year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{providers}", providers, StringComparison.Ordinal);
    }

    private static bool Read(DuckDBConnection connection, string sql, Action<System.Data.Common.DbDataReader> row)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            row(reader);
        }

        return true;
    }

    // The spec's example model (organiser-payments.md section 1) over the generated units: unit i
    // belongs to provider i mod 3.
    private static string ModelJson(long units)
    {
        var providers = string.Join(", ", Parties.Select((party, k) =>
            $$"""{ "party": "{{party}}", "units": [{{string.Join(", ", Enumerable.Range(0, (int)units).Where(i => i % 3 == k).Select(i => $"\"unit{i}\""))}}] }"""));
        return $$"""
            {
              "organiser": "pirha",
              "municipalities": ["837", "604", "980"],
              "providers": [{{providers}}],
              "capitation": {
                "basePricePerMonth": 21.50,
                "ageSexWeights": [
                  { "fromAge": 0, "toAge": 6, "sex": "any", "weight": 1.10 },
                  { "fromAge": 7, "toAge": 17, "sex": "any", "weight": 0.60 },
                  { "fromAge": 18, "toAge": 64, "sex": "F", "weight": 0.95 },
                  { "fromAge": 18, "toAge": 64, "sex": "M", "weight": 0.75 },
                  { "fromAge": 65, "toAge": 74, "sex": "any", "weight": 1.40 },
                  { "fromAge": 75, "toAge": null, "sex": "any", "weight": 2.30 } ],
                "needFactors": [
                  { "id": "diabetes", "codes": ["E10", "E11"], "lookbackYears": null, "addend": 0.45 },
                  { "id": "coronary", "codes": ["I20", "I21", "I22", "I23", "I24", "I25"], "lookbackYears": null, "addend": 0.35 },
                  { "id": "severe_mental", "codes": ["F20", "F31", "F32.2", "F33.2"], "lookbackYears": 3, "addend": 0.30 } ],
                "municipalityFactors": { "604": 1.05 },
                "normalise": true
              },
              "invoicing": {
                "members": ["837", "604", "980"],
                "products": [
                  { "id": "doctor_visit", "name": "Lääkärin vastaanottokäynti", "costAccounts": ["4100", "4110"],
                    "output": { "dataset": "visits", "service": ["primary_care"], "professional": ["doctor"] } },
                  { "id": "dental_visit", "name": "Suun terveydenhuollon käynti", "costAccounts": ["4200"],
                    "output": { "dataset": "visits", "service": ["dental"] } },
                  { "id": "home_care_day", "name": "Kotihoidon asiakaspäivä", "costAccounts": ["4300"],
                    "output": { "dataset": "service_periods", "service": ["home_care"], "measure": "days" } } ],
                "overhead": { "costAccounts": ["9000"] },
                "budgets": { "837": 1200000.00, "604": 300000.00, "980": 250000.00 }
              }
            }
            """;
    }

    // Synthetic residents (a hundredth without a birth date, a two-hundredth without sex, some born during
    // the year), listed at one of U = max(12, residents / 20 000) units, a tenth moving to another unit on
    // 1 July, a twentieth never listed; diagnoses that trigger each need factor (some outside the severe
    // mental factor's three-year lookback); twelve visits per resident in the year (services, doctors and
    // nurses, costs); home care for one in twenty-five; ledger rows on the products' and overhead's
    // accounts and others; population rows of each member from the persons by age group and sex.
    private static (long Rows, long Units) Generate(AnalyticalStore store, int residents)
    {
        var u = Math.Max(12, residents / 20_000);
        using (var connection = store.Open())
        {
            using var command = connection.CreateCommand();
            var n = residents.ToString(CultureInfo.InvariantCulture);
            var units = u.ToString(CultureInfo.InvariantCulture);
            command.CommandText = $"""
                INSERT INTO units SELECT 0, i, 'unit' || i, 'Unit ' || i, '837', 'health_station', NULL FROM range({units}) t(i);
                INSERT INTO persons SELECT 0, i, 'p' || i,
                    CASE WHEN i % 100 = 7 THEN NULL ELSE DATE '1920-01-01' + CAST(hash(i) % 37800 AS INTEGER) END,
                    CASE WHEN i % 200 = 3 THEN NULL WHEN i % 2 = 0 THEN 'F' ELSE 'M' END,
                    CASE WHEN i % 20 < 12 THEN '837' WHEN i % 20 < 16 THEN '604' WHEN i % 20 < 19 THEN '980' ELSE '091' END, NULL
                  FROM range({n}) t(i);
                INSERT INTO listings SELECT 0, i, 'p' || i, 'unit' || (hash(i * 7) % {units}), DATE '2010-01-01' + CAST(hash(i * 3) % 4700 AS INTEGER),
                    CASE WHEN i % 10 = 0 THEN DATE '2023-06-30' END FROM range({n}) t(i) WHERE i % 20 <> 11;
                INSERT INTO listings SELECT 0, i, 'p' || i, 'unit' || (hash(i * 5) % {units}), DATE '2023-07-01', NULL FROM range({n}) t(i) WHERE i % 10 = 0;
                INSERT INTO diagnoses SELECT 0, i, 'p' || i, CASE i % 4 WHEN 0 THEN 'E11.9' WHEN 1 THEN 'I25.1' WHEN 2 THEN 'F32.21' ELSE 'J45' END,
                    DATE '2015-01-01' + CAST(hash(i * 5) % 3200 AS INTEGER), NULL FROM range({n}) t(i) WHERE i % 10 < 3;
                INSERT INTO visits SELECT 0, i * 12 + k, 'v' || (i * 12 + k), 'p' || i, 'unit' || (hash(i * 7) % {units}),
                    CASE hash(i + k) % 5 WHEN 0 THEN 'dental' WHEN 1 THEN 'emergency' ELSE 'primary_care' END,
                    DATE '2023-01-01' + CAST(hash(i * 17 + k) % 365 AS INTEGER),
                    CASE WHEN k % 3 = 0 THEN 'doctor' WHEN k % 3 = 1 THEN 'nurse' END,
                    CASE WHEN k % 11 = 0 THEN NULL ELSE CAST(hash(i + k) % 30000 AS DECIMAL(18, 2)) / 100 END, NULL
                  FROM range({n}) t(i), range(12) s(k);
                INSERT INTO service_periods SELECT 0, i, 'p' || i, 'unit' || (hash(i * 7) % {units}), 'home_care',
                    DATE '2022-06-01' + CAST(hash(i * 19) % 500 AS INTEGER), CASE WHEN i % 3 = 0 THEN DATE '2023-03-01' + CAST(hash(i) % 400 AS INTEGER) END
                  FROM range({n}) t(i) WHERE i % 25 = 0;
                INSERT INTO ledger SELECT 0, i, 'e' || i, CASE i % 3 WHEN 0 THEN 'mehilainen' WHEN 1 THEN 'tampere' ELSE 'setlementti' END,
                    DATE '2023-01-01' + CAST(hash(i) % 365 AS INTEGER), CAST(100 + hash(i * 3) % 1000000 AS DECIMAL(18, 2)) / 100, i % 2 = 0,
                    NULL, CASE i % 6 WHEN 0 THEN '4100' WHEN 1 THEN '4110' WHEN 2 THEN '4200' WHEN 3 THEN '4300' WHEN 4 THEN '9000' ELSE '5000' END, NULL, NULL
                  FROM range({n} // 20) t(i);
                INSERT INTO population SELECT 0, 0, 2023, municipality_code,
                    CASE WHEN birth_date IS NULL THEN 'unknown' ELSE CAST(least(date_sub('year', birth_date, DATE '2023-12-31') // 5 * 5, 85) AS VARCHAR) END,
                    coalesce(sex, 'U'), CAST(count(*) AS INTEGER), NULL
                  FROM persons WHERE municipality_code IN ('837', '604', '980') GROUP BY ALL;
                CHECKPOINT;
                """;
            command.ExecuteNonQuery();
        }

        using var count = store.Open();
        using var total = count.CreateCommand();
        total.CommandText = "SELECT CAST(sum(estimated_size) AS BIGINT) FROM duckdb_tables()";
        return (Convert.ToInt64(total.ExecuteScalar(), CultureInfo.InvariantCulture), u);
    }
}
