using Microsoft.AspNetCore.Hosting;

namespace Allianssi.IntegrationTests;

/// <summary>The demo web application with its own data directory (analytical store, generated key), no demo data set.</summary>
public class ImportAppFixture(Store store) : AppFixture(store)
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), $"allianssi-imp-it-{Guid.NewGuid():N}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Directory.CreateDirectory(DataDirectory);
        builder.UseSetting("Allianssi:Data", DataDirectory);
        builder.UseSetting("Demo:Residents", "0");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }

        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteImportFixture() : ImportAppFixture(Store.Sqlite);

public sealed class PostgresImportFixture() : ImportAppFixture(Store.PostgreSql);
