using System.Diagnostics;
using System.Globalization;
using Allianssi.Application.Data;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Common;
using Allianssi.Application.UseCases.Results;
using Allianssi.Application.UseCases.Scoring;
using Allianssi.Application.UseCases.Setup;
using Allianssi.Reports.Period;
using Allianssi.Reports.Workbook;
using Microsoft.Extensions.Caching.Memory;

namespace Allianssi.Benchmarks;

// Usage: dotnet run -c Release --project bench/Allianssi.Benchmarks -- reports [--data DIR] [--period P1] [--reps N]
//
// The reports of the demo alliance (issue 15: the period report under 3 s, the workbook under 2 s),
// as `allianssi report` and the download endpoints make them, against the numbers alone.
//   numbers:   PeriodReportData.LoadAsync, the scorecard and settlement the API answers (the floor:
//              what any report must compute before it draws anything);
//   pdf:       the numbers and PeriodReportPdf.Render (fi), the period report;
//   xlsx:      the numbers, PeriodWorkbook.ReadAsync (ledger lines, indicator results) and Render (fi);
//   statement: the numbers and PartyStatementPdf.Render for the first party.
// Without --data, a fresh data folder with the demo alliance of demo mode (`allianssi init` with
// illustrative values); with --data, the operational store of that data folder (e.g. a web app's
// demo-data folder after its demo data was imported and computed). Each rep starts with an empty
// cache (a first download); after an untimed warm-up the four alternate in rotating order; medians.
internal static class ReportBenchmark
{
    public static int Run(string[] args)
    {
        var reps = 9;
        var periodCode = "P1";
        string? data = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--reps": reps = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--period": periodCode = args[++i]; break;
                case "--data": data = args[++i]; break;
                default: throw new ArgumentException($"unknown argument {args[i]}");
            }
        }

        var temporary = data is null;
        data ??= Path.Combine(Path.GetTempPath(), "allianssi-report-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        try
        {
            var store = OperationalStore.Resolve(null, data);
            using (var db = store.CreateContext())
            {
                new MigrateStore(db).ExecuteAsync().GetAwaiter().GetResult();
                if (temporary)
                {
                    var loaded = new LoadReference(db, TimeProvider.System).ExecuteAsync("tesoma", withDemoData: true, Actor.System).GetAwaiter().GetResult();
                    if (!loaded.IsOk)
                    {
                        throw new InvalidOperationException(loaded.Message);
                    }
                }
            }

            string alliance;
            using (var db = store.CreateContext())
            {
                alliance = db.Alliances.Select(a => a.Code).Single();
            }

            var kinds = new (string Name, Func<AllianssiDbContext, PeriodReportData, int> Make)[]
            {
                ("numbers", (_, _) => 0),
                ("pdf", (_, d) => PeriodReportPdf.Render(d, ReportLanguage.Of("fi")!).Length),
                ("xlsx", (db, d) =>
                {
                    var (ledger, results) = PeriodWorkbook.ReadAsync(db, d, null, Actor.System).GetAwaiter().GetResult();
                    return PeriodWorkbook.Render(d, ledger, results, ReportLanguage.Of("fi")!).Length;
                }),
                ("statement", (_, d) => PartyStatementPdf.Render(d, d.PartyNames.Keys.Order(StringComparer.Ordinal).First(), ReportLanguage.Of("fi")!)!.Length),
            };
            var times = kinds.ToDictionary(k => k.Name, _ => new List<double>());
            var sizes = new Dictionary<string, int>();
            for (var rep = -1; rep < reps; rep++)
            {
                for (var j = 0; j < kinds.Length; j++)
                {
                    var (name, make) = kinds[(j + Math.Max(rep, 0)) % kinds.Length];
                    var watch = Stopwatch.StartNew();
                    using var cache = new MemoryCache(new MemoryCacheOptions());
                    using var db = store.CreateContext();
                    var report = PeriodReportData.LoadAsync(db, new ResultCalculator(db, cache, new StoreChanges(), TimeProvider.System, new ResultCalculations()), alliance, periodCode, null).GetAwaiter().GetResult();
                    if (!report.IsOk)
                    {
                        throw new InvalidOperationException(report.Message);
                    }

                    sizes[name] = make(db, report.Value!);
                    if (rep >= 0)
                    {
                        times[name].Add(watch.Elapsed.TotalSeconds);
                    }
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"# {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, alliance {alliance}, period {periodCode}, {(temporary ? "demo alliance (illustrative values)" : "data folder " + data)}, {reps} reps, median"));
            Console.WriteLine("| output | seconds (median) | min | max | / numbers | bytes |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|");
            var floor = Measure.Median(times["numbers"]);
            foreach (var (name, _) in kinds)
            {
                var t = times[name];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {Measure.Median(t):0.000} | {t.Min():0.000} | {t.Max():0.000} | {Measure.Median(t) / floor:0.0} | {(name == "numbers" ? "-" : sizes[name].ToString("N0", CultureInfo.InvariantCulture))} |"));
            }
        }
        finally
        {
            if (temporary)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(data, recursive: true);
            }
        }

        return 0;
    }
}
