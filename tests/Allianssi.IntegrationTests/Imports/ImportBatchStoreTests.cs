using System.Globalization;
using System.Text;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Imports;
using Allianssi.Import;
using Allianssi.Import.Batches;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Allianssi.IntegrationTests;

/// <summary>Batch records and retained uploads in the operational database (EF registry), on SQLite and PostgreSQL.</summary>
public abstract class ImportBatchStoreTests(ImportAppFixture app)
{
    private const string Units = "unit_id;name;municipality_code;kind;parent_id\nTESOMA;Tesoma;837;alliance;\nHERVANTA;Hervanta;837;municipal;\n";

    private static readonly Actor Admin = new("test.admin", Roles.Admin, null);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GivenAnImport_WhenAccepted_ThenTheBatchRecordHasCountsAndTheSameFileAgainChangesNothing()
    {
        app.SkipIfUnavailable();
        await ImportAsync("units", Units);
        var content = Visits(3, "A");

        var first = await ImportAsync("visits", content);
        var again = await ImportAsync("visits", content);

        Assert.Equal(ImportOutcome.Imported, first.Outcome);
        Assert.Equal(3, first.Accepted);
        Assert.Equal(ImportOutcome.SameFile, again.Outcome);
        Assert.Equal(first.Batch, again.SameAsBatch);
        await using var db = app.OpenStore();
        var batch = await db.ImportBatches.AsNoTracking().SingleAsync(b => b.Id == first.Batch, Ct);
        Assert.Equal(BatchStatus.Accepted, batch.Status);
        Assert.Equal((3, 3, 0), (batch.RowsRead, batch.Accepted, batch.Rejected));
        Assert.Equal(first.Sha256, batch.Sha256);
        Assert.Equal("test.admin", batch.ImportedBy);
        Assert.NotNull(batch.Diagnostics);
    }

    [Fact]
    public async Task GivenAnUploadOverOneMebibyte_WhenRetained_ThenItIsChunkedAndReadsBackByteForByte()
    {
        app.SkipIfUnavailable();
        await ImportAsync("units", Units);
        var content = Visits(60_000, "B");
        Assert.True(Encoding.UTF8.GetByteCount(content) > 2 * UploadChunk.MaxBytes);

        var result = await ImportAsync("visits", content);

        await using var db = app.OpenStore();
        var chunks = await db.UploadChunks.AsNoTracking().Where(c => c.BatchId == result.Batch).Select(c => new { c.Index, Length = c.Bytes.Length }).ToListAsync(Ct);
        Assert.True(chunks.Count >= 3);
        Assert.All(chunks, c => Assert.True(c.Length <= UploadChunk.MaxBytes));
        var registry = app.Services.GetRequiredService<AnalyticalData>().Registry();
        await using var upload = registry.OpenUpload(result.Batch!.Value);
        using var copy = new MemoryStream();
        await upload.CopyToAsync(copy, Ct);
        Assert.Equal(Encoding.UTF8.GetBytes(content), copy.ToArray());
    }

    [Fact]
    public async Task GivenAnAcceptedBatch_WhenReverted_ThenItsRowsLeaveTheStoreTheRecordStaysAndTheRevertIsAudited()
    {
        app.SkipIfUnavailable();
        await ImportAsync("units", Units);
        var result = await ImportAsync("visits", Visits(4, "C"));
        Assert.Equal(4, CountVisits("C"));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<RevertBatch>().ExecuteAsync(result.Batch!.Value, Admin, Ct);
            Assert.True(outcome.IsOk, outcome.Message);
        }

        Assert.Equal(0, CountVisits("C"));
        await using var db = app.OpenStore();
        var batch = await db.ImportBatches.AsNoTracking().SingleAsync(b => b.Id == result.Batch, Ct);
        Assert.Equal(BatchStatus.Reverted, batch.Status);
        Assert.Equal("test.admin", batch.RevertedBy);
        Assert.NotNull(batch.RevertedAt);
        var key = result.Batch.Value.ToString(CultureInfo.InvariantCulture);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "revert-import" && a.EntityKey == key, Ct));
    }

    [Fact]
    public async Task GivenAcceptedAndRevertedBatches_WhenTheStoreIsRebuiltFromTheOperationalRegistry_ThenItsContentsAreEqual()
    {
        app.SkipIfUnavailable();
        await ImportAsync("units", Units);
        await ImportAsync("visits", Visits(5, "D"));
        var reverted = await ImportAsync("visits", Visits(2, "E"));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RevertBatch>().ExecuteAsync(reverted.Batch!.Value, Admin, Ct);
        }

        var analytical = app.Services.GetRequiredService<AnalyticalData>();
        var before = Dump(analytical);
        await analytical.WriteLock.WaitAsync(Ct);
        try
        {
            StoreRebuilder.Rebuild(analytical.Location, analytical.Pseudonymiser, analytical.Registry(), ["tampere", "pirha", "mehilainen", "setlementti"]);
        }
        finally
        {
            analytical.WriteLock.Release();
        }

        Assert.Equal(before, Dump(analytical));
    }

    private static string Visits(int rows, string prefix)
    {
        var text = new StringBuilder("visit_id;person_id;unit_id;service;visit_on;cost_eur\n");
        for (var i = 0; i < rows; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{prefix}{i};P{i % 97};TESOMA;dental;1.4.2024;{i % 300},50\n");
        }

        return text.ToString();
    }

    [Fact]
    public async Task GivenAFileOverOneMebibyte_WhenItsCopyIsRetainedBesideTheRows_ThenItReadsBackByteForByte()
    {
        app.SkipIfUnavailable();
        await ImportAsync("units", Units);
        var bytes = Encoding.UTF8.GetBytes(Visits(60_000, "F"));
        var path = Path.Combine(Path.GetTempPath(), "allianssi-upload-" + Guid.NewGuid().ToString("N") + ".csv");
        await File.WriteAllBytesAsync(path, bytes, Ct);
        try
        {
            // A file can be opened a second time, so the importer copies it into the operational database while the rows are read.
            ImportResult result;
            await using (var scope = app.Services.CreateAsyncScope())
            await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
            {
                var outcome = await scope.ServiceProvider.GetRequiredService<ImportExtract>()
                    .ExecuteAsync(new ImportExtractCommand("visits", stream, "visits.csv"), Admin, Ct);
                Assert.True(outcome.IsOk, outcome.Message);
                result = outcome.Value!;
            }

            Assert.Equal((60_000, 0), (result.Accepted, result.Rejected));
            var registry = app.Services.GetRequiredService<AnalyticalData>().Registry();
            await using var upload = registry.OpenUpload(result.Batch!.Value);
            using var copy = new MemoryStream();
            await upload.CopyToAsync(copy, Ct);
            Assert.Equal(bytes, copy.ToArray());
            Assert.Equal(60_000, CountVisits("F"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private async Task<ImportResult> ImportAsync(string dataset, string content)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(content));
        var outcome = await scope.ServiceProvider.GetRequiredService<ImportExtract>()
            .ExecuteAsync(new ImportExtractCommand(dataset, stream, dataset + ".csv"), Admin, Ct);
        Assert.True(outcome.IsOk, outcome.Message);
        return outcome.Value!;
    }

    private long CountVisits(string prefix)
    {
        using var connection = app.Services.GetRequiredService<AnalyticalData>().Store.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM visits WHERE visit_id LIKE '{prefix}%'";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static string Dump(AnalyticalData analytical)
    {
        var text = new StringBuilder();
        using var connection = analytical.Store.Open();
        foreach (var table in new[] { "units", "visits" })
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table} ORDER BY ALL";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append('|');
                }

                text.Append('\n');
            }
        }

        return text.ToString();
    }
}

public sealed class SqliteImportBatchStoreTests(SqliteImportFixture app) : ImportBatchStoreTests(app), IClassFixture<SqliteImportFixture>;

public sealed class PostgresImportBatchStoreTests(PostgresImportFixture app) : ImportBatchStoreTests(app), IClassFixture<PostgresImportFixture>;
