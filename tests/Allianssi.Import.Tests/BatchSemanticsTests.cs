using System.Text;
using Allianssi.Import.Batches;
using Allianssi.Import.Diagnostics;

namespace Allianssi.Import.Tests;

public sealed class BatchSemanticsTests
{
    private static readonly string P1 = TestHetu.Make(new DateOnly(1940, 1, 10), 911);
    private static readonly string P2 = TestHetu.Make(new DateOnly(1941, 2, 11), 912);
    private const string Header = "visit_id;person_id;unit_id;service;visit_on;cost_eur\n";

    [Fact]
    public void GivenTheSameFileTwice_WhenImportedAgain_ThenNothingChangesAndTheResultSaysSo()
    {
        using var fixture = new ImportFixture();
        fixture.ImportUnits();
        var csv = Header + $"V1;{P1};TESOMA;dental;1.4.2024;10\nV2;{P2};TESOMA;dental;2.4.2024;20\n";
        var first = fixture.Import("visits", csv);
        var second = fixture.Import("visits", csv);
        Assert.Equal(ImportOutcome.Imported, first.Outcome);
        Assert.Equal((ImportOutcome.SameFile, first.Batch), (second.Outcome, second.SameAsBatch));
        Assert.Contains(second.Diagnostics, d => d.Code == DiagnosticCodes.SameFile);
        Assert.Equal(2, fixture.Count("visits"));
        Assert.Equal(2, fixture.Registry.List().Count(b => b.Status == BatchStatus.Accepted));
    }

    [Fact]
    public void GivenOverlappingExtracts_ThenRepeatedRowsAreDuplicatesAndCountedAsAccepted()
    {
        using var fixture = new ImportFixture();
        fixture.ImportUnits();
        fixture.Import("visits", Header + $"V1;{P1};TESOMA;dental;1.4.2024;10\n");
        var result = fixture.Import("visits", Header + $"V1;{P1};TESOMA;dental;1.4.2024;10,00\nV2;{P2};TESOMA;dental;2.4.2024;20\nV2;{P2};TESOMA;dental;2.4.2024;20\n");
        Assert.Equal((3, 3, 0, 2, 0), (result.RowsRead, result.Accepted, result.Rejected, result.Duplicates, result.Conflicts));
        Assert.Equal(2, fixture.Count("visits"));
    }

    [Fact]
    public void GivenADifferentRowForAStoredKey_WithoutReplace_ThenItIsAConflictAndRejected()
    {
        using var fixture = new ImportFixture();
        fixture.ImportUnits();
        fixture.Import("visits", Header + $"V1;{P1};TESOMA;dental;1.4.2024;10\n");
        var result = fixture.Import("visits", Header + $"V1;{P1};TESOMA;dental;1.4.2024;99\nV3;{P1};TESOMA;dental;3.4.2024;30\n");
        Assert.Equal((2, 1, 1, 1), (result.RowsRead, result.Accepted, result.Rejected, result.Conflicts));
        Assert.Contains(result.Diagnostics, d => d is { Code: DiagnosticCodes.Conflict, Row: 1, Severity: Severity.Error });
        Assert.Equal(10m, Convert.ToDecimal(fixture.Rows("SELECT cost_eur FROM visits WHERE visit_id = 'V1'")[0][0]));
    }

    [Fact]
    public void GivenADifferentRowForAStoredKey_WithReplace_ThenTheNewBatchWins()
    {
        using var fixture = new ImportFixture();
        fixture.ImportUnits();
        var first = fixture.Import("visits", Header + $"V1;{P1};TESOMA;dental;1.4.2024;10\n");
        var result = fixture.Import("visits", Header + $"V1;{P1};TESOMA;dental;1.4.2024;99\n", replace: true);
        Assert.Equal((1, 1, 0, 1), (result.RowsRead, result.Accepted, result.Rejected, result.Conflicts));
        var rows = fixture.Rows("SELECT cost_eur, batch_id FROM visits");
        Assert.Equal((99m, result.Batch), (Convert.ToDecimal(Assert.Single(rows)[0]), (long?)Convert.ToInt64(rows[0][1])));
        Assert.NotEqual(first.Batch, result.Batch);
    }

    [Fact]
    public void GivenConflictingRowsInOneFile_ThenTheFirstWinsWithoutReplaceAndTheLastWithIt()
    {
        var csv = Header + $"V1;{P1};TESOMA;dental;1.4.2024;10\nV1;{P1};TESOMA;dental;1.4.2024;20\nV1;{P1};TESOMA;dental;1.4.2024;30\n";
        using (var fixture = new ImportFixture())
        {
            fixture.ImportUnits();
            var result = fixture.Import("visits", csv);
            Assert.Equal((3, 1, 2, 2), (result.RowsRead, result.Accepted, result.Rejected, result.Conflicts));
            Assert.Equal(10m, Convert.ToDecimal(fixture.Rows("SELECT cost_eur FROM visits")[0][0]));
        }

        using (var fixture = new ImportFixture())
        {
            fixture.ImportUnits();
            var result = fixture.Import("visits", csv, replace: true);
            Assert.Equal((3, 3, 0, 2), (result.RowsRead, result.Accepted, result.Rejected, result.Conflicts));
            Assert.Equal(30m, Convert.ToDecimal(Assert.Single(fixture.Rows("SELECT cost_eur FROM visits"))[0]));
        }
    }

    [Fact]
    public void GivenALaterPersonsBatch_ThenItUpdatesThePersonWithoutReplace()
    {
        using var fixture = new ImportFixture();
        fixture.Import("persons", $"person_id;municipality_code;postal_code\n{P1};837;33400\n");
        var result = fixture.Import("persons", $"person_id;municipality_code;postal_code\n{P1};837;33410\n");
        Assert.Equal((1, 1, 0), (result.Accepted, result.Replaced, result.Conflicts));
        Assert.Equal("33410", Assert.Single(fixture.Rows("SELECT postal_code FROM persons"))[0]);
    }

    [Fact]
    public void GivenLabResultsWithoutResultId_ThenTwoDifferentResultsOnOneDayAreBothKept()
    {
        using var fixture = new ImportFixture();
        var result = fixture.Import("lab_results", $"person_id;test_code;value;unit;sampled_on\n{P1};59261-8;50;mmol/mol;1.4.2024\n{P1};59261-8;52;mmol/mol;1.4.2024\n{P1};59261-8;52;mmol/mol;1.4.2024\n");
        Assert.Equal((3, 1, 0), (result.Accepted, result.Duplicates, result.Conflicts));
        Assert.Equal(2, fixture.Count("lab_results"));
    }

    [Fact]
    public void GivenADryRun_ThenEverythingIsReportedAndNothingStored()
    {
        using var fixture = new ImportFixture();
        fixture.ImportUnits();
        var result = fixture.Import("visits", Header + $"V1;{P1};TESOMA;dental;1.4.2024;10\nV2;{P1};NOWHERE;dental;1.4.2024;10\n", dryRun: true);
        Assert.Equal((ImportOutcome.DryRun, 2, 1, 1, (long?)null), (result.Outcome, result.RowsRead, result.Accepted, result.Rejected, result.Batch));
        Assert.Equal(0, fixture.Count("visits"));
        Assert.Single(fixture.Registry.List());
    }

    [Fact]
    public void GivenAFailureInsideTheTransaction_ThenNoRowOfTheBatchIsStoredAndTheBatchIsFailed()
    {
        using var fixture = new ImportFixture(new ImportOptions { AbortAfterRows = 500 });
        fixture.Store.EnsureSchema();
        var csv = new StringBuilder("unit_id;name;municipality_code;kind\n");
        for (var i = 0; i < 1000; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"U{i};Unit {i};837;other\n");
        }

        Assert.Throws<InvalidOperationException>(() => fixture.Import("units", csv.ToString()));
        Assert.Equal(0, fixture.Count("units"));
        Assert.Equal(BatchStatus.Failed, Assert.Single(fixture.Registry.List()).Status);
    }

    [Fact]
    public void GivenAnImportCancelledWhileRowsAreRead_ThenItStopsWithCancellationAndNothingIsStored()
    {
        using var fixture = new ImportFixture();
        fixture.ImportUnits();
        var csv = new StringBuilder(Header);
        for (var i = 0; i < 50_000; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"V{i};PAT-{i % 977};TESOMA;dental;1.4.2024;{i % 50}\n");
        }

        using var cancel = new CancellationTokenSource();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()));
        var request = new ImportRequest
        {
            Dataset = "visits", Content = stream, FileName = "visits.csv", ImportedBy = "test", Parties = ImportFixture.Parties,
            Progress = new Inline(p =>
            {
                if (p.Phase == ImportPhase.Reading && p.Rows >= 20_000)
                {
                    cancel.Cancel();
                }
            }),
        };

        Assert.ThrowsAny<OperationCanceledException>(() => fixture.Importer.Import(request, cancel.Token));
        Assert.Equal(0, fixture.Count("visits"));
        Assert.Equal(BatchStatus.Failed, fixture.Registry.List().Single(b => b.Start.Dataset == "visits").Status);

        // The store is usable afterwards: the same file imports whole.
        stream.Position = 0;
        var again = fixture.Importer.Import(
            new ImportRequest { Dataset = "visits", Content = stream, FileName = "visits.csv", ImportedBy = "test", Parties = ImportFixture.Parties },
            CancellationToken.None);
        Assert.Equal((50_000, 0), (again.Accepted, again.Rejected));
        Assert.Equal(50_000, fixture.Count("visits"));
    }

    /// <summary>Reports on the importing thread (Progress&lt;T&gt; would post to the thread pool and report late).</summary>
    private sealed class Inline(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }

    [Fact]
    public void GivenAUnitsFileWithParentsLaterInTheFile_ThenParentsResolveAndUnknownParentsAreRejected()
    {
        using var fixture = new ImportFixture();
        var result = fixture.Import("units", "unit_id;name;municipality_code;kind;parent_id\nA;a;837;other;B\nB;b;837;other;\nC;c;837;other;NOWHERE\n");
        Assert.Equal((3, 2, 1), (result.RowsRead, result.Accepted, result.Rejected));
        Assert.Contains(result.Diagnostics, d => d is { Code: DiagnosticCodes.UnknownUnit, Row: 3, Column: "parent_id" });
    }

    [Fact]
    public void GivenARevertedBatch_ThenItsRowsLeaveAndTheRecordStaysMarked()
    {
        using var fixture = new ImportFixture();
        var units = fixture.ImportUnits();
        fixture.Importer.Revert(units.Batch!.Value);
        Assert.Equal(0, fixture.Count("units"));
        Assert.Equal(BatchStatus.Reverted, Assert.Single(fixture.Registry.List()).Status);
    }
}
