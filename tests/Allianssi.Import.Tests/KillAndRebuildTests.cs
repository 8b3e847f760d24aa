using System.Diagnostics;
using System.Globalization;
using System.Text;
using Allianssi.Application.Data;
using Allianssi.Application.UseCases.Imports;
using Allianssi.Import.Batches;
using Allianssi.Store;

namespace Allianssi.Import.Tests;

public sealed class KillAndRebuildTests
{
    [Fact]
    public void GivenAnImportKilledMidway_ThenNoRowOfThatBatchIsInTheStore()
    {
        using var fixture = new ImportFixture();
        fixture.ImportUnits();
        var file = Path.Combine(fixture.Directory, "visits.csv");
        using (var writer = new StreamWriter(file, false, new UTF8Encoding(false)))
        {
            writer.Write("visit_id;person_id;unit_id;service;visit_on;cost_eur\n");
            for (var i = 0; i < 1_500_000; i++)
            {
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"V{i};P{i % 5000};TESOMA;dental;1.4.2024;{i % 300},50\n"));
            }
        }

        var midway = false;
        using (var process = StartCli(fixture.Directory, "import", "visits", file))
        {
            string? line;
            while ((line = process.StandardError.ReadLine()) is not null)
            {
                if (line.Contains("300000 rows read", StringComparison.Ordinal))
                {
                    midway = true;
                    process.Kill(entireProcessTree: true);
                    break;
                }
            }

            process.WaitForExit();
        }

        Assert.True(midway, "the import was killed while reading rows");

        // The CLI keeps batch records in the operational database (the embedded SQLite file of the data folder).
        var operational = OperationalStore.Resolve(null, fixture.Directory);
        var registry = new EfBatchRegistry(operational.CreateContext, TimeProvider.System, new UploadCipher(new byte[32]));
        var killed = Assert.Single(registry.List(), b => b.Start.Dataset == "visits");
        Assert.Equal(BatchStatus.Pending, killed.Status);

        // Nothing of the batch, and none of its staging tables, is in the store.
        Assert.Equal(0, fixture.Count("visits"));
        Assert.Empty(fixture.Rows("SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'import%'"));

        // The next import through the CLI recovers the interrupted batch: marked failed, upload dropped, still no row of it.
        var units = Path.Combine(fixture.Directory, "units.csv");
        File.WriteAllText(units, "unit_id;name;municipality_code;kind;parent_id\nKALEVA;Kalevan terveysasema;837;municipal;\n");
        using (var next = StartCli(fixture.Directory, "import", "units", units))
        {
            next.StandardOutput.ReadToEnd();
            next.StandardError.ReadToEnd();
            next.WaitForExit();
            Assert.Equal(0, next.ExitCode);
        }

        Assert.Equal(0, fixture.Count("visits"));
        Assert.Equal(1, fixture.Count("units WHERE unit_id = 'KALEVA'"));
        Assert.DoesNotContain(registry.List(), b => b.Status == BatchStatus.Pending);
        Assert.Equal(BatchStatus.Failed, registry.List().Single(b => b.Id == killed.Id).Status);
        using var db = operational.CreateContext();
        Assert.False(db.UploadChunks.Any(c => c.BatchId == killed.Id), "the interrupted batch's retained upload is dropped");
    }

    private static Process StartCli(string data, params string[] args)
    {
        var cli = Path.Combine(Path.GetDirectoryName(typeof(KillAndRebuildTests).Assembly.Location)!, "..", "..", "..", "..", "..",
            "src", "Allianssi.Cli", "bin", new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "allianssi.dll");
        Assert.True(File.Exists(cli), "the CLI is built next to the tests");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { Path.GetFullPath(cli), "--data", data }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ALLIANSSI_PSEUDONYM_KEY"] = Convert.ToBase64String(ImportFixture.Key);
        start.Environment.Remove("ConnectionStrings__Operational");
        return Process.Start(start)!;
    }

    [Fact]
    public void GivenAcceptedRevertedAndReplacingBatches_WhenTheStoreIsRebuilt_ThenItsContentsAreEqual()
    {
        using var fixture = new ImportFixture();
        var p1 = TestHetu.Make(new DateOnly(1950, 1, 1), 921);
        var p2 = TestHetu.Make(new DateOnly(1951, 1, 1), 922);
        fixture.ImportUnits();
        fixture.Import("persons", $"person_id;municipality_code\n{p1};837\n{p2};837\n");
        fixture.Import("persons", $"person_id;municipality_code;postal_code\n{p1};837;33400\n");
        const string header = "visit_id;person_id;unit_id;service;visit_on;cost_eur\n";
        fixture.Import("visits", header + $"V1;{p1};TESOMA;dental;1.4.2024;10\nV2;{p2};TESOMA;dental;1.4.2024;20\n");
        fixture.Import("visits", header + $"V1;{p1};TESOMA;dental;1.4.2024;15\nV3;{p2};NOWHERE;dental;1.4.2024;20\n", replace: true);
        var reverted = fixture.Import("visits", header + $"V9;{p1};TESOMA;dental;2.4.2024;10\n");
        fixture.Importer.Revert(reverted.Batch!.Value);
        fixture.Import("lab_results", $"person_id;test_code;value;unit;sampled_on\n{p1};4548-4;7;%;1.4.2024\n");

        var before = Dump(fixture);
        var replayed = StoreRebuilder.Rebuild(new AnalyticalStoreLocation(fixture.Store.Path), fixture.Pseudonymiser, fixture.Registry, ImportFixture.Parties);
        Assert.Equal(6, replayed);
        Assert.Equal(before, Dump(fixture));
    }

    private static string Dump(ImportFixture fixture)
    {
        var text = new StringBuilder();
        foreach (var table in AnalyticalStore.Tables)
        {
            text.Append(table).Append('\n');
            foreach (var row in fixture.Rows($"SELECT * FROM {table} ORDER BY ALL"))
            {
                text.AppendJoin('|', row.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))).Append('\n');
            }
        }

        return text.ToString();
    }
}
