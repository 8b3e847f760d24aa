using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Allianssi.Application;
using Allianssi.Application.Data;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Imports;
using Allianssi.Application.UseCases.Setup;
using Allianssi.Import;
using Allianssi.Import.Identity;
using Allianssi.Import.Synthetic;
using Allianssi.Store;
using DuckDB.NET.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Allianssi.Benchmarks;

/// <summary>
/// Import throughput of Allianssi (the CLI's path: <see cref="ImportExtract"/> over a fresh data folder with the
/// embedded operational store, validating and pseudonymising) against DuckDB's own <c>read_csv</c> of the same file
/// into a table (the floor) and row-by-row EF Core inserts into SQLite (the naive alternative, on a sample).
/// </summary>
/// <remarks>
/// <para>
/// Usage: <c>import [--rows 1000000,10000000] [--datasets visits,lab_results] [--dir DIR] [--naive-sample 20000]</c>.
/// Files are synthetic, written in the Finnish dialect (<c>;</c>, decimal comma, Windows-1252, <c>d.M.yyyy</c>) with
/// synthetic henkilötunnus values, and kept in DIR for the next run.
/// </para>
/// <para>
/// Each measurement runs in a child process of this program (<c>import --phase ...</c>), which reports its wall time
/// and its own peak resident set (<c>VmHWM</c>), so the figures of one do not include another's memory.
/// </para>
/// </remarks>
internal static class ImportBenchmark
{
    private static readonly byte[] Key = SHA256.HashData("allianssi-import-benchmark"u8);
    private static readonly byte[] UploadKey = SHA256.HashData("allianssi-import-benchmark-uploads"u8);
    private static readonly string[] Units = ["TESOMA", "HERVANTA", "KALEVA", "LIELAHTI", "TAKAHUHTI", "LINNAINMAA", "KAUKAJARVI", "PELTOLAMMI"];
    private static readonly string[] Services = ["primary_care", "dental", "emergency", "hospital", "specialist", "home_care", "social", "other"];
    private static double _cpuAtStart;

    public static int Run(string[] args)
    {
        if (args is ["--phase", var phase, var phaseDataset, var phaseFile, var phaseWork, .. var rest])
        {
            return RunPhase(phase, phaseDataset, phaseFile, phaseWork, rest);
        }

        var rows = new List<long> { 1_000_000, 10_000_000 };
        var datasets = new List<string> { "visits", "lab_results" };
        var dir = Path.Combine(Path.GetTempPath(), "allianssi-import-bench");
        var sample = 20_000;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--rows":
                    rows = [.. args[i + 1].Split(',').Select(r => long.Parse(r, CultureInfo.InvariantCulture))];
                    break;
                case "--datasets":
                    datasets = [.. args[i + 1].Split(',')];
                    break;
                case "--dir":
                    dir = Path.GetFullPath(args[i + 1]);
                    break;
                case "--naive-sample":
                    sample = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]}");
                    return 2;
            }
        }

        Directory.CreateDirectory(dir);
        var table = new StringBuilder();
        table.AppendLine("| dataset | rows | file | Allianssi | rows/s | MB/s | CPU | peak RSS | read_csv | rows/s | CPU | peak RSS | Allianssi / read_csv (wall; CPU) | EF Core row by row (extrapolated) | rows/s | EF / Allianssi |");
        table.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var count in rows)
        {
            foreach (var dataset in datasets)
            {
                var file = Path.Combine(dir, string.Create(CultureInfo.InvariantCulture, $"{dataset}-{count}.csv"));
                if (!File.Exists(file))
                {
                    var watch = Stopwatch.StartNew();
                    Generate(dataset, count, file);
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generated {file} in {watch.Elapsed.TotalSeconds:F0} s"));
                }

                var megabytes = new FileInfo(file).Length / 1e6;
                var work = Path.Combine(dir, "work");
                var ours = Child("allianssi", dataset, file, work);
                var floor = Child("read_csv", dataset, file, work);
                var naive = Child("ef", dataset, file, work, sample.ToString(CultureInfo.InvariantCulture));
                if (ours.Rows != count || floor.Rows != count)
                {
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"row counts differ: file {count}, Allianssi {ours.Rows}, read_csv {floor.Rows}"));
                    return 1;
                }

                var naiveSeconds = naive.Seconds / naive.Rows * count;
                table.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {dataset} | {count:N0} | {megabytes:F0} MB | {Duration(ours.Seconds)} | {count / ours.Seconds:N0} | {megabytes / ours.Seconds:F1} | {ours.CpuSeconds:F0} s | {ours.PeakBytes / 1e6:N0} MB "
                    + $"| {Duration(floor.Seconds)} | {count / floor.Seconds:N0} | {floor.CpuSeconds:F0} s | {floor.PeakBytes / 1e6:N0} MB | {ours.Seconds / floor.Seconds:F1}x; {ours.CpuSeconds / floor.CpuSeconds:F1}x "
                    + $"| {Duration(naiveSeconds)} ({naive.Rows:N0}-row sample) | {naive.Rows / naive.Seconds:N0} | {naiveSeconds / ours.Seconds:F0}x |"));
                Console.Error.WriteLine(table.ToString().Split('\n')[^2]);
            }
        }

        Console.WriteLine(table.ToString());
        return 0;
    }

    private static string Duration(double seconds) =>
        seconds < 120 ? string.Create(CultureInfo.InvariantCulture, $"{seconds:F1} s")
        : seconds < 7200 ? string.Create(CultureInfo.InvariantCulture, $"{Math.Floor(seconds / 60):F0} min {seconds % 60:F0} s")
        : string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:F1} h");

    /// <param name="Seconds">Wall time of the measured work.</param>
    /// <param name="CpuSeconds">The process's user and system time over the measured work (start-up and set-up excluded).</param>
    private sealed record Measurement(double Seconds, long Rows, long PeakBytes, double CpuSeconds);

    /// <summary>Runs one phase in a child process and reads its one-line JSON report.</summary>
    private static Measurement Child(string phase, string dataset, string file, string work, params string[] extra)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true };
        foreach (var arg in new[] { Assembly.GetEntryAssembly()!.Location, "import", "--phase", phase, dataset, file, work }.Concat(extra))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"phase {phase} of {dataset} exited with {process.ExitCode}");
        }

        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        var result = JsonSerializer.Deserialize<Measurement>(line, JsonSerializerOptions.Web)!;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{dataset} {phase}: {result.Rows} rows in {result.Seconds:F1} s (process CPU {result.CpuSeconds:F1} s), peak {result.PeakBytes / 1e6:F0} MB"));
        return result;
    }

    private static int RunPhase(string phase, string dataset, string file, string work, string[] rest)
    {
        var workDir = Path.Combine(work, phase);
        if (Directory.Exists(workDir))
        {
            Directory.Delete(workDir, recursive: true);
        }

        Directory.CreateDirectory(workDir);
        var (seconds, rows) = phase switch
        {
            "allianssi" => Allianssi(dataset, file, workDir),
            "read_csv" => ReadCsv(dataset, file, workDir),
            "ef" => Naive(dataset, file, workDir, int.Parse(rest[0], CultureInfo.InvariantCulture)),
            _ => throw new ArgumentException($"unknown phase {phase}", nameof(phase)),
        };
        Console.WriteLine(JsonSerializer.Serialize(new Measurement(seconds, rows, PeakResidentBytes(), CpuSeconds() - _cpuAtStart), JsonSerializerOptions.Web));
        Directory.Delete(workDir, recursive: true);
        return 0;
    }

    private static double CpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    /// <summary>The peak resident set of this process (<c>VmHWM</c>).</summary>
    private static long PeakResidentBytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>The CLI's path: a fresh data folder, the migrated embedded operational store, <see cref="ImportExtract"/> as an admin.</summary>
    private static (double Seconds, long Rows) Allianssi(string dataset, string file, string data)
    {
        var operational = OperationalStore.Resolve(null, data);
        using var db = operational.CreateContext();
        new MigrateStore(db).ExecuteAsync().GetAwaiter().GetResult();
        // The store's memory limit and spill cap as the programs read them (ALLIANSSI_IMPORT_MEMORY_LIMIT, ALLIANSSI_STORE_MAX_TEMP_SIZE).
        var settings = AllianssiOptions.Read(new ConfigurationBuilder().AddEnvironmentVariables().Build());
        var location = AnalyticalStoreLocation.InDataDirectory(data, settings.MemoryLimit, settings.MaxTempSize);
        var analytical = new AnalyticalData(location, operational, () => Key, TimeProvider.System, () => UploadKey);
        var useCase = new ImportExtract(db, analytical);
        var actor = new Actor("bench", Roles.Admin, null);
        var units = "unit_id;name;municipality_code;kind;parent_id\r\n" + string.Concat(Units.Select(u => $"{u};{u};837;municipal;\r\n"));
        using (var unitStream = new MemoryStream(Encoding.UTF8.GetBytes(units)))
        {
            Check(useCase.ExecuteAsync(new ImportExtractCommand("units", unitStream, "units.csv"), actor).GetAwaiter().GetResult().Value);
        }

        var watch = Stopwatch.StartNew();
        _cpuAtStart = CpuSeconds();
        using var content = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var outcome = useCase.ExecuteAsync(new ImportExtractCommand(dataset, content, Path.GetFileName(file)), actor).GetAwaiter().GetResult();
        var seconds = watch.Elapsed.TotalSeconds;
        var result = outcome.Value ?? throw new InvalidOperationException(outcome.Message);
        Check(result);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{dataset} allianssi phases: {string.Join(", ", (result.PhaseSeconds ?? new Dictionary<string, double>()).Select(p => $"{p.Key} {p.Value:F2} s"))}; "
            + $"GCs gen0/1/2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, GC pause {GC.GetTotalPauseDuration().TotalSeconds:F2} s"));
        if (result.Rejected != 0)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{result.Rejected} rows rejected: {result.Diagnostics[0].Code}"));
        }

        return (seconds, result.Accepted);
    }

    private static void Check(ImportResult? result)
    {
        if (result is not { Outcome: ImportOutcome.Imported })
        {
            throw new InvalidOperationException($"import outcome {result?.Outcome}");
        }
    }

    /// <summary>DuckDB's own CSV reader into a table of a fresh database file, with the columns typed as the store types them.</summary>
    private static (double Seconds, long Rows) ReadCsv(string dataset, string file, string work)
    {
        var columns = dataset == "visits"
            ? "{'visit_id': 'VARCHAR', 'person_id': 'VARCHAR', 'unit_id': 'VARCHAR', 'service': 'VARCHAR', 'visit_on': 'DATE', 'professional': 'VARCHAR', 'cost_eur': 'DECIMAL(18,2)', 'urgent': 'BOOLEAN'}"
            : "{'person_id': 'VARCHAR', 'test_code': 'VARCHAR', 'value': 'DOUBLE', 'unit': 'VARCHAR', 'sampled_on': 'DATE', 'result_id': 'VARCHAR'}";
        var watch = Stopwatch.StartNew();
        _cpuAtStart = CpuSeconds();
        using var connection = new DuckDBConnection($"Data Source={Path.Combine(work, "floor.duckdb")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            CREATE TABLE t AS SELECT * FROM read_csv('{file.Replace("'", "''", StringComparison.Ordinal)}', delim = ';', header = true,
              decimal_separator = ',', dateformat = '%d.%m.%Y', encoding = 'latin-1', columns = {columns});
            CHECKPOINT;
            """;
        command.ExecuteNonQuery();
        command.CommandText = "SELECT count(*) FROM t";
        var rows = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        return (watch.Elapsed.TotalSeconds, rows);
    }

    /// <summary>
    /// The naive alternative on the first <paramref name="sample"/> rows: read a line, split it, parse it, pseudonymise the
    /// person id, add one entity and call SaveChanges (one SQLite transaction per row).
    /// </summary>
    private static (double Seconds, long Rows) Naive(string dataset, string file, string work, int sample)
    {
        var pseudonymiser = new Pseudonymiser(Key);
        var fi = CultureInfo.GetCultureInfo("fi-FI");
        var watch = Stopwatch.StartNew();
        _cpuAtStart = CpuSeconds();
        using var db = new NaiveContext(Path.Combine(work, "naive.db"));
        db.Database.EnsureCreated();
        using var reader = new StreamReader(file, FinnishCsvWriter.Windows1252);
        reader.ReadLine();
        var rows = 0;
        string? line;
        while (rows < sample && (line = reader.ReadLine()) is not null)
        {
            var f = line.Split(';');
            var date = (string s) => DateOnly.ParseExact(s, "d.M.yyyy", CultureInfo.InvariantCulture);
            object entity = dataset == "visits"
                ? new NaiveVisit
                {
                    VisitId = f[0], PersonId = pseudonymiser.Pseudonymise(Pseudonymiser.Normalise(f[1])), UnitId = f[2], Service = f[3], VisitOn = date(f[4]),
                    Professional = f[5], CostEur = decimal.Parse(f[6], fi), Urgent = f[7] == "1",
                }
                : new NaiveLabResult
                {
                    PersonId = pseudonymiser.Pseudonymise(Pseudonymiser.Normalise(f[0])), TestCode = f[1], Value = double.Parse(f[2], fi), Unit = f[3], SampledOn = date(f[4]),
                    ResultId = f[5],
                };
            db.Add(entity);
            db.SaveChanges();
            db.ChangeTracker.Clear();
            rows++;
        }

        return (watch.Elapsed.TotalSeconds, rows);
    }

    /// <summary>Writes <paramref name="rows"/> synthetic rows of <paramref name="dataset"/> in the Finnish dialect.</summary>
    private static void Generate(string dataset, long rows, string file)
    {
        var random = new Random(837);
        var persons = new string[200_000];
        for (var i = 0; i < persons.Length; i++)
        {
            var birth = new DateOnly(1930, 1, 1).AddDays(random.Next(365 * 90));
            persons[i] = SyntheticHenkilotunnus.Synthetic(birth, i % 2 == 0, i / 36_500 % 300) ?? throw new InvalidOperationException("no synthetic code left");
        }

        var partial = file + ".partial";
        var first = new DateOnly(2020, 1, 1);
        if (dataset == "visits")
        {
            using var writer = new FinnishCsvWriter(partial, ["visit_id", "person_id", "unit_id", "service", "visit_on", "professional", "cost_eur", "urgent"]);
            for (var i = 0L; i < rows; i++)
            {
                writer.Id("V", i).Text(persons[random.Next(persons.Length)]).Text(Units[random.Next(Units.Length)]).Text(Services[random.Next(Services.Length)])
                    .Date(first.AddDays(random.Next(5 * 365))).Text(random.Next(3) == 0 ? "lääkäri" : "hoitaja").Money(random.Next(2_000, 90_000) / 100m)
                    .Flag(random.Next(10) == 0, BooleanStyle.Digit).EndRow();
            }
        }
        else
        {
            using var writer = new FinnishCsvWriter(partial, ["person_id", "test_code", "value", "unit", "sampled_on", "result_id"]);
            for (var i = 0L; i < rows; i++)
            {
                var person = persons[random.Next(persons.Length)];
                var sampled = first.AddDays(random.Next(5 * 365));
                _ = (random.Next(4)) switch
                {
                    0 => writer.Text(person).Text("4548-4").Number(5.0 + (random.NextDouble() * 4), 1).Text("%"),
                    1 => writer.Text(person).Text("59261-8").Number(35 + (random.NextDouble() * 50), 0).Text("mmol/mol"),
                    2 => writer.Text(person).Text("22748-8").Number(1.2 + (random.NextDouble() * 3.5), 1).Text("mmol/l"),
                    _ => writer.Text(person).Text("13457-7").Number(50 + (random.NextDouble() * 130), 0).Text("mg/dl"),
                };
                writer.Date(sampled).Id("L", i).EndRow();
            }
        }

        File.Move(partial, file, overwrite: true);
    }

    private sealed class NaiveContext(string path) : DbContext
    {
        protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) => optionsBuilder.UseSqlite($"Data Source={path}");

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<NaiveVisit>().HasKey(v => v.Id);
            modelBuilder.Entity<NaiveLabResult>().HasKey(v => v.Id);
        }
    }

    private sealed class NaiveVisit
    {
        public long Id { get; set; }
        public required string VisitId { get; set; }
        public required string PersonId { get; set; }
        public required string UnitId { get; set; }
        public required string Service { get; set; }
        public DateOnly VisitOn { get; set; }
        public string? Professional { get; set; }
        public decimal CostEur { get; set; }
        public bool Urgent { get; set; }
    }

    private sealed class NaiveLabResult
    {
        public long Id { get; set; }
        public required string PersonId { get; set; }
        public required string TestCode { get; set; }
        public double Value { get; set; }
        public required string Unit { get; set; }
        public DateOnly SampledOn { get; set; }
        public string? ResultId { get; set; }
    }
}
