using System.Text;
using System.Text.Json;
using Allianssi.Store;

namespace Allianssi.Import.Tests;

public sealed class PrivacyTests
{
    [Fact]
    public void GivenKnownIdentifiers_WhenImportedWithErrors_ThenNoOutputOrStoredRowContainsThem()
    {
        var valid = TestHetu.Make(new DateOnly(1933, 3, 3), 913);
        var wrongCheck = TestHetu.WithWrongCheck(TestHetu.Make(new DateOnly(1934, 4, 4), 915));
        const string impossible = "310234-9170";
        const string local = "EFFICA-778899";
        string[] secrets = [valid, wrongCheck, impossible, local, valid.ToLowerInvariant()];

        using var fixture = new ImportFixture();
        fixture.ImportUnits();
        var outputs = new StringBuilder();
        var results = new[]
        {
            fixture.Import("persons", $"person_id;municipality_code;sex\n{valid};837;X\n{wrongCheck};837;M\n{impossible};837;\n{local};abc;\n"),
            fixture.Import("visits", $"visit_id;person_id;unit_id;service;visit_on\nV1;{valid.ToLowerInvariant()};NOWHERE;dental;1.4.2024\nV1;{local};TESOMA;dental;1.4.2024\nV1;{local};TESOMA;dental;2.4.2024\n"),
            fixture.Import("lab_results", $"person_id;test_code;value;unit;sampled_on;colour\n{valid};4548-4;x;%;1.4.2024;\n{local};4548-4;6;g/l;1.4.2024;\n"),
        };
        foreach (var r in results)
        {
            outputs.AppendLine(JsonSerializer.Serialize(r));
        }

        foreach (var table in AnalyticalStore.Tables)
        {
            foreach (var row in fixture.Rows($"SELECT * FROM {table}"))
            {
                outputs.AppendLine(string.Join("|", row));
            }
        }

        var text = outputs.ToString();
        Assert.Contains("IMP108", text, StringComparison.Ordinal);
        Assert.Contains("IMP109", text, StringComparison.Ordinal);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        }

        foreach (var file in new[] { fixture.Store.Path, fixture.Store.Path + ".wal" }.Where(File.Exists))
        {
            var bytes = File.ReadAllBytes(file);
            foreach (var secret in secrets)
            {
                Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)));
            }
        }
    }
}
