using System.Diagnostics;
using System.Globalization;
using System.Text;
using Allianssi.Import.Batches;

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

        var cli = Path.Combine(Path.GetDirectoryName(typeof(KillAndRebuildTests).Assembly.Location)!, "..", "..", "..", "..", "..",
            "src", "Allianssi.Cli", "bin", new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "allianssi.dll");
        Assert.True(File.Exists(cli), "the CLI is built next to the tests");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { Path.GetFullPath(cli), "--data", fixture.Directory, "import", "visits", file })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ALLIANSSI_PSEUDONYM_KEY"] = Convert.ToBase64String(ImportFixture.Key);
        using var process = Process.Start(start)!;
        var midway = false;
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
        Assert.True(midway, "the import was killed while reading rows");

        // The next import recovers the interrupted batch; the store has no row of it either way.
        Assert.Equal(0, fixture.Count("visits"));
        fixture.ImportUnits();
        Assert.Equal(0, fixture.Count("visits"));
        Assert.DoesNotContain(fixture.Registry.List(), b => b.Status == BatchStatus.Pending);
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
        var replayed = StoreRebuilder.Rebuild(fixture.Store.Path, fixture.Pseudonymiser, fixture.Registry, ImportFixture.Parties);
        Assert.Equal(6, replayed);
        Assert.Equal(before, Dump(fixture));
    }

    private static string Dump(ImportFixture fixture)
    {
        var text = new StringBuilder();
        foreach (var table in Allianssi.Indicators.Store.AnalyticalStore.Tables)
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
