using Allianssi.Import.Synthetic;

namespace Allianssi.Import.Tests.Synthetic;

/// <summary>The generator's files go through the real importer: every row accepted, nothing refused.</summary>
public sealed class GeneratedImportTests
{
    [Fact]
    public void GivenAGeneratedSet_WhenEveryDatasetIsImportedInOrder_ThenEveryRowIsAcceptedWithoutErrors()
    {
        var directory = Path.Combine(Path.GetTempPath(), "allianssi-generator-" + Guid.NewGuid().ToString("N"));
        var summary = SyntheticDataGenerator.Generate(new GenerationOptions(Residents: 800, Seed: 3, FromYear: 2023, ToYear: 2023), directory);
        using var fixture = new ImportFixture();
        try
        {
            foreach (var file in summary.Files)
            {
                var result = fixture.Import(file.Dataset, File.ReadAllBytes(file.Path), fileName: file.Dataset + ".csv");

                Assert.True(result.Outcome == ImportOutcome.Imported, $"{file.Dataset}: {result.Outcome}");
                Assert.Equal(file.Rows, result.RowsRead);
                Assert.Empty(result.Diagnostics.Where(d => d.Severity == Diagnostics.Severity.Error).Select(d => $"{file.Dataset} {d.Code} row {d.Row} {d.Column}: {d.Message}").Take(5));
                Assert.Equal(result.RowsRead, result.Accepted);
                Assert.Equal(0, result.Conflicts);
            }
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }
}
