using System.Globalization;
using System.Text;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Imports;
using Allianssi.Import;
using Allianssi.Import.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Allianssi.TestSupport;

namespace Allianssi.IntegrationTests;

/// <summary>
/// Issue 11 items 7 and 8 through the application, on SQLite and PostgreSQL: one party's replace does not reach another
/// party's rows; retained uploads are encrypted in the operational database, and a changed chunk stops a rebuild.
/// </summary>
public abstract class ImportProtectionTests(ImportAppFixture app)
{
    private static readonly Actor Purchaser = new("tampere.analyst", Roles.Analyst, "tampere");
    private static readonly Actor Producer = new("mehilainen.analyst", Roles.Analyst, "mehilainen");
    private static readonly string[] Parties = ["tampere", "pirha", "mehilainen", "setlementti"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GivenTheProducersVisit_WhenThePurchasersAnalystImportsItsKeyWithReplace_ThenTheRowIsRejectedAndTheProducersRowStays()
    {
        app.SkipIfUnavailable();
        await ImportAsync(Purchaser, "units", "unit_id;name;municipality_code;kind;parent_id\nTESOMA;Tesoma;837;alliance;\n");
        var producers = await ImportAsync(Producer, "visits", "visit_id;person_id;unit_id;service;visit_on;cost_eur\nXP1;PAT-1;TESOMA;dental;1.4.2024;10\n");

        var purchasers = await ImportAsync(Purchaser, "visits", "visit_id;person_id;unit_id;service;visit_on;cost_eur\nXP1;PAT-1;TESOMA;dental;1.4.2024;999\n", replace: true);

        Assert.Equal((0, 1, 0), (purchasers.Accepted, purchasers.Rejected, purchasers.Replaced));
        Assert.Contains(purchasers.Diagnostics, d => d is { Code: DiagnosticCodes.OtherPartysRow, Row: 1, Column: "visit_id" });
        var row = Assert.Single(Rows("SELECT cost_eur, batch_id FROM visits WHERE visit_id = 'XP1'"));
        Assert.Equal((10m, producers.Batch!.Value), (Convert.ToDecimal(row[0], CultureInfo.InvariantCulture), Convert.ToInt64(row[1], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task GivenARetainedUpload_WhenStored_ThenTheDatabaseHoldsNoPlaintextAndARebuildReproducesTheStore()
    {
        app.SkipIfUnavailable();
        await ImportAsync(Purchaser, "units", "unit_id;name;municipality_code;kind;parent_id\nTESOMA;Tesoma;837;alliance;\n");
        const string line = "ENC1;PAT-SECRET-LINE-7;TESOMA;dental;1.4.2024;12,50";
        var content = "visit_id;person_id;unit_id;service;visit_on;cost_eur\n" + line + "\n"
            + string.Concat(Enumerable.Range(2, 70_000).Select(i => string.Create(CultureInfo.InvariantCulture, $"ENC{i};PAT-{i % 50};TESOMA;dental;1.4.2024;{i % 300}\n")));
        var result = await ImportAsync(Producer, "visits", content);

        await using (var db = app.OpenStore())
        {
            var chunks = await db.UploadChunks.AsNoTracking().Where(c => c.BatchId == result.Batch).OrderBy(c => c.Index).ToListAsync(Ct);
            Assert.True(chunks.Count >= 2);
            Assert.All(chunks, c => Assert.True(c.Encrypted));
            var stored = chunks.SelectMany(c => c.Bytes).ToArray();
            Assert.Equal(-1, stored.AsSpan().IndexOf(Encoding.UTF8.GetBytes(line)));
            Assert.Equal(-1, stored.AsSpan().IndexOf("PAT-SECRET-LINE-7"u8));
            Assert.Equal(-1, stored.AsSpan().IndexOf("visit_id;person_id"u8));
        }

        var analytical = app.Services.GetRequiredService<AnalyticalData>();
        await using (var upload = analytical.Registry().OpenUpload(result.Batch!.Value))
        using (var copy = new MemoryStream())
        {
            await upload.CopyToAsync(copy, Ct);
            Assert.Equal(Encoding.UTF8.GetBytes(content), copy.ToArray());
        }

        var before = Dump();
        await RebuildAsync();
        Assert.Equal(before, Dump());
    }

    /// <summary>Chunks stored before encryption (Encrypted false, whole 1 MiB plaintext chunks as the old code saved them) are sealed in place.</summary>
    [Fact]
    public async Task GivenUploadsRetainedBeforeEncryption_WhenSealed_ThenNoPlaintextChunkRemainsAndTheUploadReadsBackByteIdentical()
    {
        app.SkipIfUnavailable();
        await ImportAsync(Purchaser, "units", "unit_id;name;municipality_code;kind;parent_id\nTESOMA;Tesoma;837;alliance;\n");
        const string line = "OLD1;PAT-OLD-PLAIN-LINE-3;TESOMA;dental;1.4.2024;12,50";
        var content = Encoding.UTF8.GetBytes("visit_id;person_id;unit_id;service;visit_on;cost_eur\n" + line + "\n"
            + string.Concat(Enumerable.Range(2, 70_000).Select(i => string.Create(CultureInfo.InvariantCulture, $"OLD{i};PAT-{i % 50};TESOMA;dental;1.4.2024;{i % 300}\n"))));
        var result = await ImportAsync(Producer, "visits", Encoding.UTF8.GetString(content));
        var batch = result.Batch!.Value;
        var plainChunks = content.Chunk(Application.Data.Entities.UploadChunk.MaxBytes).ToList();
        await using (var db = app.OpenStore())
        {
            // As the version before encryption stored it: the file's bytes in 1 MiB chunks, marked plaintext.
            db.UploadChunks.RemoveRange(db.UploadChunks.Where(c => c.BatchId == batch));
            await db.SaveChangesAsync(Ct);
            db.UploadChunks.AddRange(plainChunks.Select((bytes, i) => new Application.Data.Entities.UploadChunk { BatchId = batch, Index = i, Bytes = bytes, Encrypted = false }));
            await db.SaveChangesAsync(Ct);
            Assert.NotEqual(-1, (await db.UploadChunks.AsNoTracking().SingleAsync(c => c.BatchId == batch && c.Index == 0, Ct)).Bytes.AsSpan().IndexOf("PAT-OLD-PLAIN-LINE-3"u8));
        }

        var registry = app.Services.GetRequiredService<AnalyticalData>().Registry();
        var sealedNow = registry.SealPlaintextChunks(new Actor("cli:test", Roles.Admin, null));

        Assert.Equal((1, plainChunks.Count), sealedNow);
        Assert.True(plainChunks.Count >= 2);
        await using (var db = app.OpenStore())
        {
            Assert.False(await db.UploadChunks.AnyAsync(c => !c.Encrypted, Ct));
            var stored = (await db.UploadChunks.AsNoTracking().Where(c => c.BatchId == batch).OrderBy(c => c.Index).ToListAsync(Ct)).SelectMany(c => c.Bytes).ToArray();
            Assert.Equal(content.Length + (plainChunks.Count * UploadCipher.Overhead), stored.Length);
            Assert.Equal(-1, stored.AsSpan().IndexOf("PAT-OLD-PLAIN-LINE-3"u8));
            Assert.Equal(-1, stored.AsSpan().IndexOf("visit_id;person_id"u8));
            var audit = await db.AuditEntries.AsNoTracking().Where(a => a.Action == "seal-retained-upload").OrderByDescending(a => a.Id).FirstAsync(Ct);
            Assert.Equal((batch.ToString(CultureInfo.InvariantCulture), "cli:test"), (audit.EntityKey, audit.Actor));
            Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{{\"chunks\":{plainChunks.Count}}}"), audit.After);
        }

        await using (var upload = registry.OpenUpload(batch))
        using (var copy = new MemoryStream())
        {
            await upload.CopyToAsync(copy, Ct);
            Assert.Equal(content, copy.ToArray());
        }

        Assert.Equal((0, 0), registry.SealPlaintextChunks(new Actor("cli:test", Roles.Admin, null)));
        var before = Dump();
        await RebuildAsync();
        Assert.Equal(before, Dump());
    }

    [Fact]
    public async Task GivenAChangedUploadChunk_WhenTheStoreIsRebuilt_ThenTheRebuildStopsAndTheStoreIsUnchanged()
    {
        app.SkipIfUnavailable();
        await ImportAsync(Purchaser, "units", "unit_id;name;municipality_code;kind;parent_id\nTESOMA;Tesoma;837;alliance;\n");
        var result = await ImportAsync(Producer, "visits", "visit_id;person_id;unit_id;service;visit_on;cost_eur\nTMP1;PAT-1;TESOMA;dental;1.4.2024;10\n");
        var before = Dump();
        byte[] original;
        await using (var db = app.OpenStore())
        {
            var chunk = await db.UploadChunks.SingleAsync(c => c.BatchId == result.Batch && c.Index == 0, Ct);
            original = chunk.Bytes;
            var changed = (byte[])original.Clone();
            changed[^20] ^= 0x01;
            chunk.Bytes = changed;
            await db.SaveChangesAsync(Ct);
        }

        try
        {
            var error = await Assert.ThrowsAsync<InvalidDataException>(RebuildAsync);
            Assert.Contains("fails authentication", error.Message, StringComparison.Ordinal);
            Assert.Equal(before, Dump());
        }
        finally
        {
            // The class shares one store: the next rebuild must find the chunk as it was.
            await using var db = app.OpenStore();
            var chunk = await db.UploadChunks.SingleAsync(c => c.BatchId == result.Batch && c.Index == 0, Ct);
            chunk.Bytes = original;
            await db.SaveChangesAsync(Ct);
        }
    }

    private async Task RebuildAsync()
    {
        var analytical = app.Services.GetRequiredService<AnalyticalData>();
        await analytical.WriteLock.WaitAsync(Ct);
        try
        {
            StoreRebuilder.Rebuild(analytical.Location, analytical.Pseudonymiser, analytical.Registry(), Parties);
        }
        finally
        {
            analytical.WriteLock.Release();
        }
    }

    private async Task<ImportResult> ImportAsync(Actor actor, string dataset, string content, bool replace = false)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(content));
        var outcome = await scope.ServiceProvider.GetRequiredService<ImportExtract>()
            .ExecuteAsync(new ImportExtractCommand(dataset, stream, dataset + ".csv") { Replace = replace }, actor, Ct);
        Assert.True(outcome.IsOk, outcome.Message);
        return outcome.Value!;
    }

    private List<object?[]> Rows(string sql)
    {
        using var connection = app.Services.GetRequiredService<AnalyticalData>().Store.Open();
        return StoreRows.Read(connection, sql);
    }

    private string Dump() => string.Join("\n", new[] { "units", "visits" }
        .SelectMany(t => Rows($"SELECT * FROM {t} ORDER BY ALL"))
        .Select(r => string.Join("|", r.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))));
}

public sealed class SqliteImportProtectionTests(SqliteImportFixture app) : ImportProtectionTests(app), IClassFixture<SqliteImportFixture>;

public sealed class PostgresImportProtectionTests(PostgresImportFixture app) : ImportProtectionTests(app), IClassFixture<PostgresImportFixture>;

/// <summary>The start-up check of the retained uploads' key, through the real web host.</summary>
public sealed class UploadKeyStartupTests
{
    [Fact]
    public void GivenProductionModeWithThePseudonymKeyButNoUploadKey_WhenStarting_ThenStartUpStopsNamingTheSetting()
    {
        var file = Path.Combine(Path.GetTempPath(), $"allianssi-noupkey-{Guid.NewGuid():N}.db");
        using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Operational", $"Data Source={file}");
            b.UseSetting("Allianssi:Data", Path.Combine(Path.GetTempPath(), $"allianssi-noupkey-{Guid.NewGuid():N}"));
            b.UseSetting("Allianssi:PseudonymKey", Convert.ToBase64String(new byte[32]));
            b.UseEnvironment("Production");
        });

        var error = Assert.ThrowsAny<InvalidOperationException>(() => app.CreateClient());

        Assert.Contains("retained-upload encryption key", error.Message, StringComparison.Ordinal);
        Assert.Contains("ALLIANSSI_UPLOAD_KEY", error.Message, StringComparison.Ordinal);
        Assert.Contains("Allianssi__UploadKey", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pseudonymisation HMAC key", error.Message, StringComparison.Ordinal);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(file);
    }
}
