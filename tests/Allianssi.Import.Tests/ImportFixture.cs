using System.Security.Cryptography;
using System.Text;
using Allianssi.Application.Data;
using Allianssi.Application.UseCases.Imports;
using Allianssi.Application.UseCases.Setup;
using Allianssi.Import.Identity;
using Allianssi.Store;
using DuckDB.NET.Data;

using Allianssi.TestSupport;

namespace Allianssi.Import.Tests;

/// <summary>
/// A throwaway data directory with an analytical store, the batch registry production uses (<see cref="EfBatchRegistry"/>
/// over an embedded SQLite operational store, uploads encrypted) and an importer.
/// </summary>
internal sealed class ImportFixture : IDisposable
{
    public static readonly byte[] Key = Encoding.UTF8.GetBytes("test-key-for-pseudonyms-0123456789");
    public static readonly string[] Parties = ["tampere", "pirha", "mehilainen", "setlementti"];
    private static readonly byte[] UploadKey = SHA256.HashData("test-key-for-retained-uploads"u8);

    // One migrated operational store, copied for each fixture (migrating each would add seconds per test).
    private static readonly Lazy<string> MigratedStore = new(() =>
    {
        var directory = Path.Combine(Path.GetTempPath(), "allianssi-import-template-" + Guid.NewGuid().ToString("N"));
        var store = OperationalStore.Resolve(null, directory);
        using (var db = store.CreateContext())
        {
            new MigrateStore(db).ExecuteAsync().GetAwaiter().GetResult();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return Path.Combine(directory, OperationalStore.EmbeddedFileName);
    });

    public ImportFixture(ImportOptions? options = null)
    {
        Directory = Path.Combine(Path.GetTempPath(), "allianssi-import-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Store = new AnalyticalStore(Path.Combine(Directory, "analytical.duckdb"));
        Store.EnsureSchema();
        File.Copy(MigratedStore.Value, Path.Combine(Directory, OperationalStore.EmbeddedFileName));
        Registry = new EfBatchRegistry(OperationalStore.Resolve(null, Directory).CreateContext, TimeProvider.System, new UploadCipher(UploadKey));
        Pseudonymiser = new Pseudonymiser(Key);
        Importer = new ExtractImporter(Store, Pseudonymiser, Registry, TimeProvider.System, options);
    }

    public string Directory { get; }
    public AnalyticalStore Store { get; }
    public EfBatchRegistry Registry { get; }
    public Pseudonymiser Pseudonymiser { get; }
    public ExtractImporter Importer { get; }

    public ImportResult Import(string dataset, string csv, bool replace = false, bool dryRun = false, Encoding? encoding = null, string? party = null) =>
        Import(dataset, (encoding ?? new UTF8Encoding(false)).GetBytes(csv), replace, dryRun, party: party);

    public ImportResult Import(string dataset, byte[] bytes, bool replace = false, bool dryRun = false, string fileName = "extract.csv", string? party = null)
    {
        using var stream = new MemoryStream(bytes);
        return Importer.Import(new ImportRequest
        {
            Dataset = dataset, Content = stream, FileName = fileName, Replace = replace, DryRun = dryRun, Parties = Parties, ImportedBy = "test", Party = party,
        });
    }

    /// <summary>The standard units every other dataset refers to.</summary>
    public ImportResult ImportUnits() => Import("units", "unit_id;name;municipality_code;kind;parent_id\nTESOMA;Tesoman hyvinvointikeskus;837;alliance;\nHERVANTA;Hervannan terveysasema;837;municipal;\n");

    public List<object?[]> Rows(string sql)
    {
        using var connection = Store.Open();
        return StoreRows.Read(connection, sql);
    }

    public long Count(string table) => Convert.ToInt64(Rows($"SELECT count(*) FROM {table}")[0][0]);

    public void Dispose()
    {
        DuckDBConnectionCleanup();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void DuckDBConnectionCleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        GC.Collect();
    }
}

/// <summary>Synthetic henkilötunnus values for tests: valid by construction, never a real person's (individual numbers 900-999 are temporary ones).</summary>
internal static class TestHetu
{
    public static string Make(DateOnly birth, int individual, char? sign = null)
    {
        var century = sign ?? (birth.Year >= 2000 ? 'A' : birth.Year >= 1900 ? '-' : '+');
        return $"{birth.Day:00}{birth.Month:00}{birth.Year % 100:00}{century}{individual:000}{Henkilotunnus.CheckCharacter(birth, individual)}";
    }

    public static string WithWrongCheck(string hetu)
    {
        var check = hetu[^1];
        var other = Henkilotunnus.CheckCharacters[(Henkilotunnus.CheckCharacters.IndexOf(check, StringComparison.Ordinal) + 1) % 31];
        return hetu[..^1] + other;
    }
}
