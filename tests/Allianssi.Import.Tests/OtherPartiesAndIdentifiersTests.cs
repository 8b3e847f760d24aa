using System.Text;
using System.Text.Json;
using Allianssi.Import.Diagnostics;
using Allianssi.Import.Identity;
using Allianssi.Store;

namespace Allianssi.Import.Tests;

/// <summary>Issue 11 items 7 and 8 in the importer: other parties' rows are not replaced; identifiers in text are refused.</summary>
public sealed class OtherPartiesAndIdentifiersTests
{
    private const string Header = "visit_id;person_id;unit_id;service;visit_on;cost_eur\n";

    [Fact]
    public void GivenAProducersRow_WhenAPurchaserImportsTheSameKeyWithReplace_ThenTheRowIsRejectedAndTheProducersRowIsUntouched()
    {
        using var fixture = new ImportFixture();
        fixture.ImportUnits();
        var producers = fixture.Import("visits", Header + "V1;PAT-1;TESOMA;dental;1.4.2024;10\nV2;PAT-2;TESOMA;dental;2.4.2024;20\n", party: "mehilainen");

        var result = fixture.Import("visits", Header + "V1;PAT-1;TESOMA;dental;1.4.2024;99\nV2;PAT-2;TESOMA;dental;2.4.2024;20\nV3;PAT-3;TESOMA;dental;3.4.2024;30\n", replace: true, party: "tampere");

        Assert.Equal((3, 2, 1, 1, 1, 0), (result.RowsRead, result.Accepted, result.Rejected, result.Duplicates, result.Conflicts, result.Replaced));
        var diagnostic = Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCodes.OtherPartysRow);
        Assert.Equal((1, "visit_id", Severity.Error), (diagnostic.Row, diagnostic.Column, diagnostic.Severity));
        var rows = fixture.Rows("SELECT visit_id, cost_eur, batch_id FROM visits ORDER BY visit_id")
            .Select(r => ((string)r[0]!, Convert.ToDecimal(r[1]), Convert.ToInt64(r[2]))).ToList();
        Assert.Equal([("V1", 10m, producers.Batch!.Value), ("V2", 20m, producers.Batch!.Value), ("V3", 30m, result.Batch!.Value)], rows);
    }

    [Fact]
    public void GivenAPartysOwnRow_WhenItImportsTheSameKeyWithReplace_ThenItsNewRowWins()
    {
        using var fixture = new ImportFixture();
        fixture.ImportUnits();
        fixture.Import("visits", Header + "V1;PAT-1;TESOMA;dental;1.4.2024;10\n", party: "tampere");

        var result = fixture.Import("visits", Header + "V1;PAT-1;TESOMA;dental;1.4.2024;99\n", replace: true, party: "tampere");

        Assert.Equal((1, 0, 1), (result.Accepted, result.Rejected, result.Replaced));
        Assert.Equal(99m, Convert.ToDecimal(Assert.Single(fixture.Rows("SELECT cost_eur FROM visits"))[0]));
    }

    [Fact]
    public void GivenAnotherPartysPerson_WhenAPersonsFileUpdatesIt_ThenTheUpdateIsRejected()
    {
        using var fixture = new ImportFixture();
        fixture.Import("persons", "person_id;municipality_code\nPAT-1;837\n", party: "tampere");

        var result = fixture.Import("persons", "person_id;municipality_code\nPAT-1;091\n", party: "mehilainen");

        Assert.Equal((0, 1), (result.Accepted, result.Rejected));
        Assert.Contains(result.Diagnostics, d => d is { Code: DiagnosticCodes.OtherPartysRow, Row: 1 });
        Assert.Equal("837", Assert.Single(fixture.Rows("SELECT municipality_code FROM persons"))[0]);
    }

    [Fact]
    public void GivenAStoreRebuild_WhenAnotherPartyHadTriedToReplaceARow_ThenTheRebuiltStoreKeepsTheOwnersRow()
    {
        using var fixture = new ImportFixture();
        fixture.ImportUnits();
        fixture.Import("visits", Header + "V1;PAT-1;TESOMA;dental;1.4.2024;10\n", party: "mehilainen");
        fixture.Import("visits", Header + "V1;PAT-1;TESOMA;dental;1.4.2024;99\nV2;PAT-2;TESOMA;dental;2.4.2024;20\n", replace: true, party: "tampere");
        var before = fixture.Rows("SELECT * FROM visits ORDER BY visit_id").Select(r => string.Join("|", r)).ToList();

        StoreRebuilder.Rebuild(new AnalyticalStoreLocation(fixture.Store.Path), fixture.Pseudonymiser, fixture.Registry, ImportFixture.Parties);

        Assert.Equal(before, fixture.Rows("SELECT * FROM visits ORDER BY visit_id").Select(r => string.Join("|", r)).ToList());
        Assert.Equal(10m, Convert.ToDecimal(fixture.Rows("SELECT cost_eur FROM visits WHERE visit_id = 'V1'")[0][0]));
    }

    public static TheoryData<char> CenturySigns => new('+', '-', 'A', 'B', 'C', 'D', 'E', 'F', 'X', 'Y', 'W', 'V', 'U');

    [Theory]
    [MemberData(nameof(CenturySigns))]
    public void GivenAHetuWithAnyCenturySign_WhenInsideText_ThenItIsFound(char sign)
    {
        var birth = sign switch { '+' => new DateOnly(1899, 5, 6), 'A' or 'B' or 'C' or 'D' or 'E' or 'F' => new DateOnly(2005, 5, 6), _ => new DateOnly(1955, 5, 6) };
        var hetu = TestHetu.Make(birth, 931, sign);

        Assert.True(Henkilotunnus.OccursIn($"Lääkäri {hetu}"));
        Assert.True(Henkilotunnus.OccursIn($"V-{hetu}"));
        Assert.True(Henkilotunnus.OccursIn($"{hetu.ToLowerInvariant()}:note"));
        Assert.True(Henkilotunnus.OccursIn($"12{hetu}"));
        Assert.False(Henkilotunnus.OccursIn(TestHetu.WithWrongCheck(hetu) + " " + hetu[..10]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("V123456")]
    [InlineData("Tesoman hyvinvointikeskus")]
    [InlineData("2024-04-01 12:30")]
    [InlineData("010101 100X")]
    [InlineData("PAT-000123-ABCD")]
    [InlineData("123456-12")]
    public void GivenTextWithoutAHetu_ThenNoneIsFound(string text) => Assert.False(Henkilotunnus.OccursIn(text));

    [Fact]
    public void GivenAHetuWrittenWithAnEnDash_ThenItIsFound() => Assert.True(Henkilotunnus.OccursIn("Hoitaja 010101\u2013100X"));

    [Fact]
    public void GivenHetusInFreeTextColumns_WhenImported_ThenTheRowsAreRejectedNamingTheColumnAndTheValueIsNowhere()
    {
        var inVisitId = TestHetu.Make(new DateOnly(1901, 1, 1), 900, 'V');
        var inProfessional = TestHetu.Make(new DateOnly(2001, 1, 1), 902, 'B');
        var inLedgerText = TestHetu.Make(new DateOnly(1971, 7, 7), 933, 'Y');
        using var fixture = new ImportFixture();
        fixture.ImportUnits();

        var visits = fixture.Import("visits", "visit_id;person_id;unit_id;service;visit_on;professional\n"
            + $"V-{inVisitId};PAT-1;TESOMA;dental;1.4.2024;Hammaslääkäri\n"
            + $"V2;PAT-2;TESOMA;dental;1.4.2024;Lääkäri {inProfessional}\n"
            + "V3;PAT-3;TESOMA;dental;1.4.2024;Lääkäri 123456\n");
        var ledger = fixture.Import("ledger", $"entry_id;party_id;booked_on;amount_eur;reimbursable;description;{inLedgerText}\nE1;tampere;1.4.2024;10;1;Lasku asiakkaalle {inLedgerText.ToLowerInvariant()};\n");

        Assert.Equal((3, 1, 2), (visits.RowsRead, visits.Accepted, visits.Rejected));
        Assert.Equal(
            [(1, "visit_id"), (2, "professional")],
            visits.Diagnostics.Where(d => d.Code == DiagnosticCodes.IdentifierInText).Select(d => (d.Row, d.Column!)).ToList());
        Assert.Equal((0, 1), (ledger.Accepted, ledger.Rejected));
        Assert.Contains(ledger.Diagnostics, d => d is { Code: DiagnosticCodes.IdentifierInText, Row: 1, Column: "description", Severity: Severity.Error });
        Assert.Contains(ledger.Diagnostics, d => d is { Code: DiagnosticCodes.UnknownColumn, Column: "(column 7)" });

        var outputs = new StringBuilder(JsonSerializer.Serialize(visits)).Append(JsonSerializer.Serialize(ledger));
        foreach (var table in AnalyticalStore.Tables)
        {
            foreach (var row in fixture.Rows($"SELECT * FROM {table}"))
            {
                outputs.AppendLine(string.Join("|", row));
            }
        }

        string[] secrets = [inVisitId, inProfessional, inLedgerText];
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, outputs.ToString(), StringComparison.OrdinalIgnoreCase);
        }

        fixture.Rows("CHECKPOINT");
        foreach (var file in new[] { fixture.Store.Path, fixture.Store.Path + ".wal" }.Where(File.Exists))
        {
            var bytes = File.ReadAllBytes(file);
            foreach (var secret in secrets)
            {
                Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)));
            }
        }
    }

    [Fact]
    public void GivenAFileNameHoldingAHetu_WhenImported_ThenTheBatchRecordDoesNotKeepIt()
    {
        var hetu = TestHetu.Make(new DateOnly(1966, 6, 6), 944);
        using var fixture = new ImportFixture();

        var result = fixture.Import("units", Encoding.UTF8.GetBytes("unit_id;name;municipality_code;kind\nU1;Yksikkö;837;alliance\n"), fileName: $"potilas {hetu}.csv");

        Assert.Equal("(name withheld).csv", fixture.Registry.List().Single(b => b.Id == result.Batch).Start.FileName);
    }
}
